package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.events.IndicatorEvent.RuleAction;
import org.kpisuite.events.IndicatorEvent.RuleKind;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;


import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Values of quarterly and annual indicators, the indicators' validation rules (rejecting and flagging, across the
 * components of a ratio in a batch), and reasons in Japanese when the request asks for them.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PeriodsAndRulesTest {

    private static final String DEPARTMENT = BatchIndicators.DEPARTMENT;

    @Test
    void aQuarterlyIndicatorTakesQuartersOnly() throws Exception {
        String code = Codes.unique("quarterly");
        KnownIndicator.publish(indicator(code, Aggregation.SUM, Frequency.QUARTERLY, List.of()),
                value(code, "period", "2025-Q1", "12", null));
        post(value(code, "period", "2025-Q2", "15", null), null).statusCode(201)
                .body("period", equalTo("2025-Q2")).body("month", nullValue());
        // A month for a quarterly indicator: 400 naming the field and the frequency.
        Problems.expect(post(value(code, "month", "2025-05", "3", null), null), 400, "month")
                .body("violations[0].reason", containsString("QUARTERLY"))
                .body("violations[0].reason", containsString("2024-Q1"));
        Problems.expect(post(value(code, "period", "FY2025", "3", null), null), 400, "period")
                .body("violations[0].reason", containsString("QUARTERLY"));
        Problems.expect(post(value(code, "period", "2025-Q5", "3", null), null), 400, "period");
        // The same in Japanese.
        Problems.expect(post(value(code, "month", "2025-05", "3", null), "ja"), 400, "month")
                .body("violations[0].reason", containsString("報告頻度は QUARTERLY"));
    }

    @Test
    void rulesRejectOrFlagAndAreNamed() throws Exception {
        String code = Codes.unique("maturity");
        var rules = List.of(new Rule("maturity-range", RuleKind.RANGE, RuleAction.REJECT, null, BigDecimal.ZERO,
                new BigDecimal("5"), null, null), new Rule("unusually-high", RuleKind.RANGE, RuleAction.FLAG, null, null,
                new BigDecimal("4"), null, null));
        KnownIndicator.publish(indicator(code, Aggregation.LAST, Frequency.ANNUALLY, rules),
                value(code, "period", "FY2023", "2.1", null));
        Problems.expect(post(value(code, "period", "FY2024", "6", null), null), 422, "value")
                .body("type", containsString("rule-broken"))
                .body("violations[0].reason", containsString("maturity-range"))
                .body("violations[0].reason", containsString("above the maximum 5"));
        Problems.expect(post(value(code, "period", "FY2024", "6", null), "ja, en;q=0.5"), 422, "value")
                .body("violations[0].reason", containsString("ルール「maturity-range」に違反"));
        post(value(code, "period", "FY2024", "4.5", null), null).statusCode(201)
                .body("flags", hasItem("RULE:unusually-high")).body("period", equalTo("FY2024"));
    }

    @Test
    void aRatiosNumeratorStaysWithinItsDenominatorAcrossTheRowsOfABatch() throws Exception {
        String code = Codes.unique("survey");
        var rules = List.of(new Rule("top-within-all", RuleKind.NUMERATOR_AT_MOST_DENOMINATOR, RuleAction.REJECT, null,
                null, null, null, null));
        KnownIndicator.publish(indicator(code, Aggregation.RATIO, Frequency.MONTHLY, rules),
                component(code, "denominator", "2025-04", "27"));
        String batch = "{\"mode\":\"ROW_BY_ROW\",\"dryRun\":%s,\"rows\":[" + component(code, "numerator", "2025-04", "30")
                + "," + component(code, "numerator", "2025-05", "18") + "," + component(code, "denominator", "2025-05", "12")
                + "," + component(code, "numerator", "2025-06", "5") + "]}";
        // Row 1 against the stored denominator 27; rows 2 and 3 against each other (18 > 12): each names the rule.
        for (boolean dryRun : new boolean[] { true, false }) {
            given().contentType(ContentType.JSON).body(batch.formatted(dryRun)).post("/api/v1/measurements/batch").then()
                    .statusCode(200).body("rejected", equalTo(3)).body("created", equalTo(1))
                    .body("rejections.row", equalTo(List.of(1, 2, 3)))
                    .body("rejections.rule", equalTo(List.of("top-within-all", "top-within-all", "top-within-all")));
        }
        // The ATOMIC summary in Japanese.
        given().contentType(ContentType.JSON).header("Accept-Language", "ja-JP")
                .body(batch.formatted(false).replace("ROW_BY_ROW", "ATOMIC")).post("/api/v1/measurements/batch").then()
                .statusCode(422).body("detail", containsString("行中"))
                .body("rejections[0].reason", containsString("分子 30 が分母 27 を上回っています"));
    }

    @Test
    void aRetiredIndicatorTakesTheValuesOfItsActiveYearsOnly() throws Exception {
        String code = Codes.unique("retired");
        // Retired after FY2024: a late month of FY2024, or a correction, still comes in.
        KnownIndicator.publish(new IndicatorEvent(code, "指標", "indicator", "points", DEPARTMENT, UUID.randomUUID(),
                false, false, Aggregation.SUM, List.of(), null, false, 2023, 2024,
                List.of(new Target(2024, Comparator.AT_LEAST, BigDecimal.ONE)), true, 2, Instant.now()),
                value(code, "month", "2025-03", "4", null));
        post(value(code, "month", "2024-08", "3", null), null).statusCode(201);
        Problems.expect(post(value(code, "month", "2025-04", "3", null), null), 422, "month")
                .body("violations[0].reason", containsString("retired after FY2024"));
        Problems.expect(post(value(code, "month", "2025-04", "3", null), "ja"), 422, "month")
                .body("violations[0].reason", containsString("FY2024 で廃止"));

        // Retired without a last year (an event may name none): it takes nothing.
        SuiteEvents.indicator(new IndicatorEvent(code, "指標", "indicator", "points", DEPARTMENT, UUID.randomUUID(),
                false, false, Aggregation.SUM, List.of(), null, false, 2023, null,
                List.of(new Target(2024, Comparator.AT_LEAST, BigDecimal.ONE)), true, 3, Instant.now()));
        await().atMost(SuiteEvents.WAIT).until(() -> post(value(code, "month", "2024-09", "3", null), null).extract()
                .statusCode() == 422);
        Problems.expect(post(value(code, "month", "2024-09", "3", null), null), 422, "indicatorCode")
                .body("violations[0].reason", containsString("is retired"));
    }

    @Test
    void csvAsExcelSavesItAndACharsetThatLies() throws Exception {
        String code = Codes.unique("annual-csv");
        KnownIndicator.publish(indicator(code, Aggregation.SUM, Frequency.ANNUALLY, List.of()),
                value(code, "period", "FY2023", "1", null));
        String csv = "indicatorCode,department,month,value\n" + code + "," + DEPARTMENT + ",2024年度,\"25,200\"\n"
                + code + "," + DEPARTMENT + ",2025/6/1,3\n";
        given().contentType("text/csv; charset=UTF-8").header("Accept-Language", "ja")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/measurements/batch?mode=ROW_BY_ROW").then()
                .statusCode(200).body("created", equalTo(1)).body("rejections[0].row", equalTo(2))
                .body("rejections[0].field", equalTo("month"))
                .body("rejections[0].reason", containsString("報告頻度は ANNUALLY"));
        var stored = given().queryParam("indicatorCode", code).queryParam("fiscalYear", 2024).get("/api/v1/measurements")
                .then().statusCode(200).body("[0].period", equalTo("FY2024")).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(new BigDecimal(stored.getString("[0].value")))
                .isEqualByComparingTo("25200");
        Problems.expect(given().contentType("text/csv; charset=Shift_JIS").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/measurements/batch").then(), 400, "charset");
    }

    private static ValidatableResponse post(String json, String language) {
        var request = given().contentType(ContentType.JSON).body(json);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.post("/api/v1/measurements").then();
    }

    private static String value(String code, String field, String period, String value, String breakdown) {
        return "{\"indicatorCode\":\"%s\",\"department\":\"%s\",\"%s\":\"%s\",\"value\":%s%s}".formatted(code,
                DEPARTMENT, field, period, value, breakdown == null ? "" : ",\"breakdown\":\"" + breakdown + "\"");
    }

    private static String component(String code, String component, String month, String value) {
        return "{\"indicatorCode\":\"%s\",\"component\":\"%s\",\"department\":\"%s\",\"period\":\"%s\",\"value\":%s}"
                .formatted(code, component, DEPARTMENT, month, value);
    }

    private static IndicatorEvent indicator(String code, Aggregation aggregation, Frequency frequency, List<Rule> rules) {
        List<String> components = aggregation == Aggregation.RATIO
                ? List.of(IndicatorEvent.NUMERATOR, IndicatorEvent.DENOMINATOR) : List.of();
        return new IndicatorEvent(code, "指標", "indicator", "points", DEPARTMENT, UUID.randomUUID(), false, false,
                aggregation, components, null, false, 2023, null,
                List.of(new Target(2025, Comparator.AT_LEAST, BigDecimal.ONE)), false, 1, Instant.now(), frequency,
                List.of(), rules, null);
    }
}
