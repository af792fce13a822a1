package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

/**
 * The findings of a hostile-input audit: one value never counted twice under blank key parts, the answer's language
 * chosen by quality value, batches that contradict themselves or hold nothing, contradictory approvals, numbers and
 * era dates as a spreadsheet writes them, and closures that could never match.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class HostileAuditTest extends OwnIndicatorTests {

    private static final String DEPARTMENT = BatchIndicators.DEPARTMENT;

    private String single(String extra, String value) {
        return "{\"indicatorCode\":\"" + code + "\",\"department\":\"" + DEPARTMENT + "\",\"month\":\"2024-05\","
                + "\"value\":" + value + extra + "}";
    }

    @Test
    void aBlankComponentOrBreakdownIsNoneSoAMonthIsCountedOnce() {
        given().contentType(ContentType.JSON).body(single("", "100")).post("/api/v1/measurements").then()
                .statusCode(201);
        // Spaces, a tab, an ideographic space, a no-break space: the same value again, not another key.
        for (String blank : List.of(",\"component\":\" \"", ",\"breakdown\":\"\\t\"", ",\"component\":\"\\u3000\"",
                ",\"breakdown\":\"\\u00a0\"")) {
            given().contentType(ContentType.JSON).body(single(blank, "100")).post("/api/v1/measurements").then()
                    .statusCode(200).body("outcome", equalTo("UNCHANGED"));
        }
        // Another value under a blank component is a correction of the one value: it needs a reason.
        Problems.expect(given().contentType(ContentType.JSON).body(single(",\"component\":\" \"", "300"))
                .post("/api/v1/measurements").then(), 422, "reason");
        given().contentType(ContentType.JSON).body("{\"rows\":[" + single(",\"breakdown\":\" \"", "100") + "]}")
                .post("/api/v1/measurements/batch").then().statusCode(200)
                .body("created", equalTo(0)).body("unchanged", equalTo(1));
        csv("indicatorCode,component,breakdown,department,month,value\n" + code + ",\u3000,\u00a0," + DEPARTMENT
                + ",2024-05,100\n", "").statusCode(200).body("created", equalTo(0)).body("unchanged", equalTo(1));

        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("findAll { it.month == '2024-05' }.size()", equalTo(1));
        // Approvals and their steps find the value under a blank component too.
        given().contentType(ContentType.JSON).body("{\"decisions\":[" + decision(" ", "APPROVED", null) + "]}")
                .post("/api/v1/approvals").then().statusCode(200)
                .body("[0].outcome", equalTo("RECORDED")).body("[0].component", nullValue());
        given().queryParam("indicatorCode", code).queryParam("department", DEPARTMENT).queryParam("period", "2024-05")
                .queryParam("breakdown", "\t").get("/api/v1/approvals/steps").then().statusCode(200)
                .body("size()", equalTo(1));
    }

    /** Accept-Language and the language of the answer: ja or en (the default) by quality value. */
    static Stream<Arguments> languages() {
        return Stream.of(Arguments.of("ja", true), Arguments.of("ja-JP", true), Arguments.of("ja;q=0", false),
                Arguments.of("zh, ja;q=0.5", true), Arguments.of("en;q=0.5, ja", true),
                Arguments.of("ja;q=0.5, en", false), Arguments.of("ja, en", true), Arguments.of("en, ja", false),
                Arguments.of("*", false), Arguments.of("*;q=0.5, ja", true), Arguments.of("ja;q=0, *", false),
                Arguments.of("zh", false), Arguments.of("", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void theAnswerIsInTheLanguageOfHighestQuality(String acceptLanguage, boolean japanese) {
        var request = given().contentType(ContentType.JSON);
        if (!acceptLanguage.isEmpty()) {
            request.header("Accept-Language", acceptLanguage);
        }
        Problems.expect(request.body(single(",\"component\":\"x\"", "1")).post("/api/v1/measurements").then(), 422,
                "component").body("violations[0].reason", japanese ? containsString("指標") : containsString("has no"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedQualities")
    void aMalformedQualityValueIsA400NamingAcceptLanguage(String acceptLanguage) {
        Problems.expect(given().contentType(ContentType.JSON).header("Accept-Language", acceptLanguage)
                .body(single("", "1")).post("/api/v1/measurements").then(), 400, "Accept-Language");
        Problems.expect(given().contentType(ContentType.JSON).header("Accept-Language", acceptLanguage)
                .body("{\"rows\":[" + single("", "1") + "]}").post("/api/v1/measurements/batch").then(), 400,
                "Accept-Language");
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then()
                .body("findAll { it.month == '2024-05' }.size()", equalTo(0));
    }

    static Stream<String> malformedQualities() {
        return Stream.of("ja;q=x", "ja;q=2", "en, ja;q=0.12345");
    }

    @Test
    void csvPeriodAndMonthThatDisagreeAreARejectedRowNamingPeriod() {
        csv("indicatorCode,department,period,month,value\n"
                + code + "," + DEPARTMENT + ",2024-05,2024-06,1\n"
                + code + "," + DEPARTMENT + ",2024-07,2024/7/1,2\n", "?mode=ROW_BY_ROW").statusCode(200)
                .body("created", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].row", equalTo(1)).body("rejections[0].field", equalTo("period"))
                .body("rejections[0].reason", containsString("2024-06"));
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then()
                .body("findAll { it.month == '2024-05' || it.month == '2024-06' }.size()", equalTo(0));
    }

    @Test
    void aBatchWithoutRowsIsA400NamingRows() {
        Problems.expect(given().contentType(ContentType.JSON).body("{\"rows\":[]}").post("/api/v1/measurements/batch")
                .then(), 400, "rows");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"rows\":[],\"dryRun\":true}")
                .post("/api/v1/measurements/batch").then(), 400, "rows");
        Problems.expect(csv("indicatorCode,department,month,value\r\n\r\n", ""), 400, "rows");
        Problems.expect(given().contentType(ContentType.JSON).header("Accept-Language", "ja").body("{\"rows\":[]}")
                .post("/api/v1/measurements/batch").then(), 400, "rows")
                .body("violations[0].reason", containsString("行がありません"));
    }

    @Test
    void approvingAndReturningOneRevisionInOneRequestIsRefused() {
        given().contentType(ContentType.JSON).body(single("", "100")).post("/api/v1/measurements").then()
                .statusCode(201);
        Problems.expect(given().contentType(ContentType.JSON).body("{\"decisions\":[" + decision(null, "APPROVED", null)
                + "," + decision(null, "RETURNED", "check the count") + "]}").post("/api/v1/approvals").then(), 400,
                "decisions[1].decision").body("violations[0].reason", containsString("decisions[0]"));
        Problems.expect(given().contentType(ContentType.JSON).body("{\"decisions\":[" + decision(null, "RETURNED", "a")
                + "," + decision(" ", "RETURNED", "b") + "]}").post("/api/v1/approvals").then(), 400,
                "decisions[1].comment");
        assertThat(steps()).isEmpty();
        // The same decision twice is counted once.
        given().contentType(ContentType.JSON).body("{\"decisions\":[" + decision(null, "APPROVED", null) + ","
                + decision(null, "APPROVED", null) + "]}").post("/api/v1/approvals").then().statusCode(200)
                .body("outcome", equalTo(List.of("RECORDED", "UNCHANGED")));
        assertThat(steps()).hasSize(1);
    }

    @Test
    void csvNumbersAreAsciiDigitsAndTheirValueCountsNotTheirScale() {
        csv("indicatorCode,department,month,value\n"
                + code + "," + DEPARTMENT + ",2024-04,\u0661\u0662\n"
                + code + "," + DEPARTMENT + ",2024-05,\u06f1\u06f2\n"
                + code + "," + DEPARTMENT + ",2024-06,0e999999999\n"
                + code + "," + DEPARTMENT + ",2024-07,1.0000000\n"
                + code + "," + DEPARTMENT + ",2024-08,\uff11\uff12\n", "?mode=ROW_BY_ROW").statusCode(200)
                .body("created", equalTo(3)).body("rejections.row", equalTo(List.of(1, 2)))
                .body("rejections.field", equalTo(List.of("value", "value")));
        assertThat(value("2024-06")).isEqualByComparingTo("0");
        assertThat(value("2024-07")).isEqualByComparingTo("1");
        assertThat(value("2024-08")).isEqualByComparingTo("12");
    }

    @Test
    void jsonNumbersCountByTheirValueNotTheirScaleAndAreNeverExpanded() {
        given().contentType(ContentType.JSON).body(single("", "1.0000000")).post("/api/v1/measurements").then()
                .statusCode(201).body("value", equalTo(1));
        assertThat(value("2024-05")).isEqualByComparingTo("1");
        given().contentType(ContentType.JSON).body(single(",\"reason\":\"zero\"", "0e999999999"))
                .post("/api/v1/measurements").then().statusCode(201).body("value", equalTo(0));
        assertThat(value("2024-05")).isEqualByComparingTo("0");
        for (String tooLarge : List.of("1e999999999", "1e19", "0.00000015")) {
            Problems.expect(given().contentType(ContentType.JSON).body(single(",\"reason\":\"x\"", tooLarge))
                    .post("/api/v1/measurements").then(), 400, "value");
        }
        assertThat(value("2024-05")).isEqualByComparingTo("0");
    }

    @Test
    void aCorrectionsReasonMustShowSomething() {
        given().contentType(ContentType.JSON).body(single("", "100")).post("/api/v1/measurements").then()
                .statusCode(201);
        for (String invisible : List.of("\\u200B", "\\u00A0\\u3000")) {
            given().contentType(ContentType.JSON).body(single(",\"reason\":\"" + invisible + "\"", "101"))
                    .post("/api/v1/measurements").then().statusCode(422)
                    .body("violations.field", org.hamcrest.Matchers.hasItem("reason"));
        }
        assertThat(value("2024-05")).isEqualByComparingTo("100");
    }

    @Test
    void eraDatesBeforeReiwaAreMalformedMonths() {
        csv("indicatorCode,department,month,value\n"
                + code + "," + DEPARTMENT + ",令和0年5月,1\n"
                + code + "," + DEPARTMENT + ",令和元年4月,1\n"
                + code + "," + DEPARTMENT + ",令和1年4月1日,1\n"
                + code + "," + DEPARTMENT + ",平成31年5月,1\n"
                + code + "," + DEPARTMENT + ",令和元年5月,1\n", "?mode=ROW_BY_ROW").statusCode(200)
                .body("created", equalTo(1)).body("rejections.row", equalTo(List.of(1, 2, 3, 4)))
                .body("rejections.field", equalTo(List.of("month", "month", "month", "month")));
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then()
                .body("findAll { it.month != '2015-04' }.month", equalTo(List.of("2019-05")));
    }

    @Test
    void listingByATooLongCodeIsA400() {
        Problems.expect(given().queryParam("indicatorCode", "x".repeat(3000)).get("/api/v1/measurements").then(), 400,
                "indicatorCode");
        Problems.expect(given().queryParam("indicatorCode", "x".repeat(65)).get("/api/v1/measurements").then(), 400,
                "indicatorCode");
    }

    @Test
    void aReasonGivenWithTheFirstValueIsKept() {
        String id = given().contentType(ContentType.JSON).body(single(",\"reason\":\"late: the portal was down\"",
                "100")).post("/api/v1/measurements").then().statusCode(201)
                .body("reason", equalTo("late: the portal was down")).extract().path("id");
        given().get("/api/v1/measurements/" + id).then().statusCode(200)
                .body("reason", equalTo("late: the portal was down"));
    }

    @Test
    void aClosureThatCouldNeverMatchIsRefusedNamingTheField() {
        Problems.expect(given().contentType(ContentType.JSON).body("{\"month\":\"2024-05\",\"department\":\""
                + code + "-dept\"}").post("/api/v1/periods/close").then(), 404, "department");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"month\":\"2024-05\",\"indicatorCode\":\"" + code
                + "\",\"department\":\"security\"}").post("/api/v1/periods/close").then(), 404, "department");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"month\":\"2024-05\",\"indicatorCode\":\"" + code
                + "-none\"}").post("/api/v1/periods/close").then(), 404, "indicatorCode");
        given().get("/api/v1/periods").then().statusCode(200)
                .body("findAll { it.indicatorCode == '" + code + "' || it.department == '" + code + "-dept' }.size()",
                        equalTo(0));
    }

    @Test
    void theApprovalQueueShowsValuesWithoutTrailingZeros() {
        given().contentType(ContentType.JSON).body(single("", "100")).post("/api/v1/measurements").then()
                .statusCode(201);
        // The shared department's queue (other tests' values come first when there are many): every value as written,
        // 100 and not 100.000000 (read as BigDecimals, with their scale).
        String body = given().queryParam("department", DEPARTMENT).queryParam("fiscalYear", 2024)
                .queryParam("limit", 1000).get("/api/v1/approvals/queue").then().statusCode(200).extract().asString();
        List<Object> values = io.restassured.path.json.JsonPath.from(body)
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getList("value");
        assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(String.valueOf(v)).doesNotMatch(".*\\.\\d*0|.*E.*"));
    }

    private BigDecimal value(String month) {
        Object v = given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .extract().path("find { it.month == '" + month + "' }.value");
        return new BigDecimal(String.valueOf(v));
    }

    private String decision(String component, String decision, String comment) {
        return "{\"indicatorCode\":\"" + code + "\",\"component\":" + (component == null ? null : "\"" + component
                + "\"") + ",\"department\":\"" + DEPARTMENT + "\",\"period\":\"2024-05\",\"revision\":1,\"decision\":\""
                + decision + "\",\"comment\":" + (comment == null ? null : "\"" + comment + "\"") + "}";
    }

    private List<Object> steps() {
        return given().queryParam("indicatorCode", code).queryParam("department", DEPARTMENT)
                .queryParam("period", "2024-05").get("/api/v1/approvals/steps").then().statusCode(200).extract()
                .path("");
    }

    private static ValidatableResponse csv(String text, String query) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv; charset=UTF-8").body(text.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/measurements/batch" + query).then();
    }
}
