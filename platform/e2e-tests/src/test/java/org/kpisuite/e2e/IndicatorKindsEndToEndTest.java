package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.LocalTokens;

import io.restassured.http.ContentType;

/**
 * A quarterly, a half-yearly, an annual and a distinct-count indicator, each through the whole suite as separate
 * processes: defined on indicator-service, values POSTed to ingestion, carried by Kafka to reporting, and read back
 * as progress, completeness (each expected once per period of its frequency, a distinct count never) and the BI
 * exports (the period as written). FY2024 is over, so every status is final.
 */
class IndicatorKindsEndToEndTest {

    private static final String DEPARTMENT = "digital-talent";
    private static SuiteUnderTest suite;
    private static String planItemId;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteUnderTest.shared();
        String plan = "E2E-KINDS-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"code\":\"" + plan + "\",\"agency\":\"IPA\",\"fiscalYear\":2024,\"nameJa\":\"試験計画\"}")
                .post("/api/v1/plans").then().statusCode(201);
        planItemId = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"planCode\":\"" + plan + "\",\"code\":\"II.3\",\"nameJa\":\"調達の適正化\"}")
                .post("/api/v1/plan-items").then().statusCode(201).extract().path("id");
    }

    @Test
    void aQuarterlyIndicator() {
        String code = define("SUM", "QUARTERLY", "100", "");
        submit(code, "2024-Q1", "40", null);
        submit(code, "2024-Q2", "30", null);
        // 40 + 30 = 70 of 100 after the year: OFF_TRACK, 0.7: D; two of four quarters reported.
        awaitProgress(code, "70");
        progress(code).body("status", equalTo("OFF_TRACK")).body("grade", equalTo("D"))
                .body("frequency", equalTo("QUARTERLY")).body("lastReportedPeriod", equalTo("2024-Q2"))
                .body("monthsReported", equalTo(2));
        // A month is not a period of a quarterly indicator: 400 naming the field and the frequency.
        suite.submitter(DEPARTMENT, SuiteServices.INGESTION).contentType(ContentType.JSON)
                .body("{\"indicatorCode\":\"" + code + "\",\"month\":\"2024-05\",\"value\":1}").post("/api/v1/measurements")
                .then().statusCode(400).body("violations[0].field", equalTo("month"))
                .body("violations[0].reason", containsString("QUARTERLY"));
        // Q1 and Q2 received, Q3 and Q4 missing; no monthly period expects it.
        assertThat(missing(code)).containsExactlyInAnyOrder("2024-Q3", "2024-Q4");
        assertThat(received(code)).containsExactlyInAnyOrder("2024-Q1", "2024-Q2");
        assertThat(fact(code, "2024-Q1")).containsEntry("period", "2024-Q1").extractingByKey("month").isNull();
        assertThat(progressExport(code)).containsEntry("frequency", "QUARTERLY").containsEntry("lastReportedPeriod", "2024-Q2");
    }

    @Test
    void aHalfYearlyIndicator() {
        String code = define("SUM", "HALF_YEARLY", "2", "");
        submit(code, "2024-H1", "1", null);
        submit(code, "2024-H2", "1", null);
        awaitProgress(code, "2");
        progress(code).body("status", equalTo("ACHIEVED")).body("grade", equalTo("B"));
        // A committee reported per half is not missing ten months.
        assertThat(missing(code)).isEmpty();
        assertThat(received(code)).containsExactlyInAnyOrder("2024-H1", "2024-H2");
        assertThat(fact(code, "2024-H2")).containsEntry("period", "2024-H2");
    }

    @Test
    void anAnnualIndicatorWithARangeRule() {
        String code = define("LAST", "ANNUALLY", "2.2",
                ",\"rules\":[{\"name\":\"maturity-range\",\"kind\":\"RANGE\",\"action\":\"REJECT\",\"min\":0,\"max\":5}]");
        // The rule travels with the definition: ingestion refuses 7 and names the rule.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> suite.submitter(DEPARTMENT, SuiteServices.INGESTION)
                .contentType(ContentType.JSON)
                .body("{\"indicatorCode\":\"" + code + "\",\"period\":\"FY2024\",\"value\":7}").post("/api/v1/measurements")
                .then().statusCode(422).body("violations[0].reason", containsString("maturity-range")));
        submit(code, "FY2024", "2.4", null);
        // 2.4 ÷ 2.2 = 1.0909: ACHIEVED, B.
        awaitProgress(code, "2.4");
        progress(code).body("status", equalTo("ACHIEVED")).body("grade", equalTo("B"))
                .body("lastReportedPeriod", equalTo("FY2024"));
        assertThat(missing(code)).isEmpty();
        assertThat(received(code)).containsExactly("FY2024");
        assertThat(fact(code, "FY2024")).containsEntry("period", "FY2024").containsEntry("fiscalYear", 2024);
    }

    @Test
    void aDistinctCount() {
        String code = define("DISTINCT_COUNT", "MONTHLY", "10", ",\"breakdown\":{\"dimension\":\"body\",\"nameJa\":\"連携団体\","
                + "\"nameEn\":\"body\",\"values\":[],\"openness\":\"FREE\"}");
        submit(code, "2024-05", "1", "東京都");
        submit(code, "2024-06", "1", "東京都"); // the same body again: counted once
        submit(code, "2024-06", "1", "大阪府");
        submit(code, "2024-07", "1", "ＩＰＡ 中小企業団体"); // full-width: the same as "IPA 中小企業団体"
        submit(code, "2024-08", "1", "IPA  中小企業団体");
        // Three distinct bodies of 10: OFF_TRACK after the year.
        awaitProgress(code, "3");
        progress(code).body("status", equalTo("OFF_TRACK"));
        assertThat(missing(code)).isEmpty(); // a month without a new body is not missing
        assertThat(fact(code, "2024-07")).containsEntry("breakdown", "IPA 中小企業団体");
    }

    private static String define(String aggregation, String frequency, String target, String extra) {
        String code = "e2e-kind-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"code":"%s","nameJa":"指標","nameEn":"indicator","unit":"count","department":"%s","planItemId":"%s",
                 "aggregation":"%s","frequency":"%s","targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":%s}]%s}
                """.formatted(code, DEPARTMENT, planItemId, aggregation, frequency, target, extra);
        await().atMost(Duration.ofSeconds(120)).until(() -> suite.as(LocalTokens.ADMIN, SuiteServices.INDICATOR)
                .contentType(ContentType.JSON).body(body).post("/api/v1/indicators").statusCode() == 201);
        return code;
    }

    private static void submit(String code, String period, String value, String breakdown) {
        String body = "{\"indicatorCode\":\"%s\",\"period\":\"%s\",\"value\":%s%s}".formatted(code, period, value,
                breakdown == null ? "" : ",\"breakdown\":\"" + breakdown + "\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> suite.submitter(DEPARTMENT, SuiteServices.INGESTION)
                .contentType(ContentType.JSON).body(body).post("/api/v1/measurements").statusCode() == 201);
    }

    private static io.restassured.response.ValidatableResponse progress(String code) {
        return suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then().statusCode(200);
    }

    private static void awaitProgress(String code, String actual) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String now = progress(code).extract().jsonPath().getString("actual");
            assertThat(now).as("actual of " + code).isNotNull(); // null until the first value has arrived
            assertThat(new BigDecimal(now)).isEqualByComparingTo(actual);
        });
    }

    private static List<Map<String, Object>> completeness() {
        // As of today: the values are sent now, long after FY2024's deadlines (received, and late).
        return suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .get("/api/v1/completeness").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    /** The periods whose missing list names the indicator. */
    @SuppressWarnings("unchecked")
    private static List<String> missing(String code) {
        return completeness().stream().filter(p -> ((List<Map<String, Object>>) p.get("missing")).stream()
                .anyMatch(m -> code.equals(m.get("indicatorCode")))).map(p -> (String) p.get("period")).toList();
    }

    /** The periods expecting the indicator that received it: expected minus missing. */
    @SuppressWarnings("unchecked")
    private static List<String> received(String code) {
        // An entry expects the indicators of its frequency; ours is expected where it is received or missing.
        Map<String, Object> definition = suite.as(LocalTokens.VIEWER, SuiteServices.INDICATOR)
                .get("/api/v1/indicators/{code}", code).then().statusCode(200).extract().jsonPath().getMap("$");
        List<String> missing = missing(code);
        return completeness().stream().filter(p -> definition.get("frequency").equals(p.get("frequency")))
                .map(p -> (String) p.get("period")).filter(p -> !missing.contains(p)).toList();
    }

    private static Map<String, Object> fact(String code, String period) {
        List<Map<String, Object>> facts = suite.as(LocalTokens.BI, SuiteServices.REPORTING).queryParam("indicatorCode", code)
                .get("/api/v1/exports/facts").then().statusCode(200).extract().jsonPath().getList("items");
        return facts.stream().filter(f -> period.equals(f.get("period"))).findFirst()
                .orElseThrow(() -> new AssertionError("no fact of " + code + " for " + period + " in " + facts));
    }

    private static Map<String, Object> progressExport(String code) {
        List<Map<String, Object>> rows = suite.as(LocalTokens.BI, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .queryParam("limit", 10_000).get("/api/v1/exports/progress").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return rows.stream().filter(r -> code.equals(r.get("indicatorCode"))).findFirst().orElseThrow();
    }
}
