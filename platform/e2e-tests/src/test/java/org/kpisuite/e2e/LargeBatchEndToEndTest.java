package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.LocalTokens;

import io.restassured.http.ContentType;

/** A spreadsheet of 10,000 values in one batch: all accepted, and all of them in reporting. */
class LargeBatchEndToEndTest {

    private static final List<String> SITES = IntStream.range(0, 100).mapToObj(i -> "site-" + i).toList();
    private static final YearMonth FIRST_MONTH = YearMonth.of(2016, 4);
    private static final int MONTHS = 100;

    @Test
    void tenThousandRowsInOneBatchAllReachReporting() throws Exception {
        SuiteUnderTest suite = SuiteUnderTest.shared();
        String code = defineIndicator(suite);

        List<String> rows = new ArrayList<>(MONTHS * SITES.size());
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal fy2024 = BigDecimal.ZERO;
        for (int m = 0; m < MONTHS; m++) {
            YearMonth month = FIRST_MONTH.plusMonths(m);
            for (int s = 0; s < SITES.size(); s++) {
                int value = 10 + (m * 31 + s * 7) % 90;
                rows.add("""
                        {"indicatorCode":"%s","breakdown":"%s","department":"digital-talent","month":"%s","value":%d}"""
                        .formatted(code, SITES.get(s), month, value));
                total = total.add(BigDecimal.valueOf(value));
                if (!month.isBefore(YearMonth.of(2024, 4))) {
                    fy2024 = fy2024.add(BigDecimal.valueOf(value));
                }
            }
        }
        String batch = "{\"mode\":\"ATOMIC\",\"rows\":[" + String.join(",", rows) + "]}";
        // ingestion learns of the indicator from Kafka: until then the rows are rejected and nothing is stored.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> suite
                .as(LocalTokens.ADMIN, SuiteServices.INGESTION).contentType(ContentType.JSON).body(batch)
                .post("/api/v1/measurements/batch").statusCode() == 200);
        suite.as(LocalTokens.ADMIN, SuiteServices.INGESTION).queryParam("indicatorCode", code)
                .get("/api/v1/measurements").then().statusCode(200).body("size()", equalTo(10_000));

        BigDecimal expectedTotal = total;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Map<String, Object>> facts = suite.as(LocalTokens.BI, SuiteServices.REPORTING)
                    .queryParam("indicatorCode", code).queryParam("limit", 10_000)
                    .get("/api/v1/exports/facts").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(facts).hasSize(10_000);
            assertThat(facts.stream().map(f -> new BigDecimal(String.valueOf(f.get("value"))))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(expectedTotal);
        });
        BigDecimal actual = new BigDecimal(suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING)
                .queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then().statusCode(200).extract().jsonPath().getString("actual"));
        assertThat(actual).isEqualByComparingTo(fy2024);
    }

    /** A SUM indicator by site from FY2016, defined through plan-service and indicator-service. */
    private static String defineIndicator(SuiteUnderTest suite) {
        String plan = "E2E-BULK-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"code\":\"" + plan + "\",\"agency\":\"IPA\",\"fiscalYear\":2024,\"nameJa\":\"一括試験\"}")
                .post("/api/v1/plans").then().statusCode(201);
        String planItemId = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"planCode\":\"" + plan + "\",\"code\":\"I.1\",\"nameJa\":\"一括\"}")
                .post("/api/v1/plan-items").then().statusCode(201).extract().path("id");
        String code = Codes.unique("bulk");
        String sites = String.join("\",\"", SITES);
        String body = """
                {"code":"%s","nameJa":"拠点別アクセス数","nameEn":"accesses by site","unit":"accesses",
                 "department":"digital-talent","planItemId":"%s","aggregation":"SUM","firstFiscalYear":2016,
                 "breakdown":{"dimension":"site","nameJa":"拠点","nameEn":"site","values":["%s"]},
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":1000000}]}
                """.formatted(code, planItemId, sites);
        // indicator-service learns of the plan item from Kafka.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> suite
                .as(LocalTokens.ADMIN, SuiteServices.INDICATOR).contentType(ContentType.JSON).body(body)
                .put("/api/v1/indicators/{code}", code).statusCode() == 201);
        return code;
    }
}
