package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.kpisuite.e2e.BudgetActuals.line;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.CatalogLoader;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.TopicReader;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Budget against actuals through the packaged services: the FY2024 budget of every account is loaded from the
 * catalog, finance posts three months of the examination account's actuals as CSV and the borrowing balance, and
 * reporting's variance report gives the execution rates, projections and drift flags worked out by hand; the drift and
 * the ceiling's warning are announced on kpi.budget-status.v1 (BudgetStatusEvent), finance's analysis shows beside its
 * line, and a rebuild of reporting's read model gives the same report.
 */
class BudgetEndToEndTest {

    private static SuiteUnderTest suite;
    private static String outcome;

    @BeforeAll
    static void loadBudget() throws Exception {
        suite = SuiteUnderTest.shared();
        var loader = new CatalogLoader(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR),
                suite.token(LocalTokens.ADMIN));
        loader.load(suite.root().resolve("deploy/catalog/fy2024.yaml"));
        outcome = loader.loadBudget(suite.root().resolve("deploy/catalog/budget-fy2024.yaml"));
        // Loading it again changes nothing.
        assertThat(loader.loadBudget(suite.root().resolve("deploy/catalog/budget-fy2024.yaml")))
                .isEqualTo("FY2024 budget UNCHANGED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void actualsOfAFewMonthsGiveExecutionRateProjectionAndDrift() {
        assertThat(outcome).startsWith("FY2024 budget ");
        JsonPath budget = suite.as(LocalTokens.VIEWER, SuiteServices.INDICATOR).get("/api/v1/budgets/2024").then()
                .statusCode(200).extract().jsonPath();
        assertThat(budget.getList("tables")).hasSize(30);

        // Finance posts April–June of the examination account (別紙１－３) as CSV, and the borrowing balance, once
        // ingestion knows the budget's lines.
        BudgetActuals.awaitIngestionKnowsTheLines(suite);
        suite.submitter("finance", SuiteServices.INGESTION).contentType("text/csv").body(BudgetActuals.CSV)
                // (the browser test posts the same rows: whichever comes second finds them unchanged)
                .post("/api/v1/measurements/batch").then().statusCode(200).body("rejected", equalTo(0));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath report = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/budgets/2024/variance")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(report.getString("reportedThrough")).isEqualTo("2024-06");
            assertThat(report.getInt("monthsElapsed")).isEqualTo(3);
            // 業務経費 5,486: actual 460+450+470 = 1,380; linear share 3/12; expected 1,371.5; projected
            // 1,380 / 0.25 = 5,520; variance +34 = 0.62 % → on budget.
            Map<String, Object> operations = line(report, "bg-examination-exp-operations");
            assertThat(decimal(operations, "actual")).isEqualByComparingTo("1380");
            assertThat(decimal(operations, "executionRate")).isEqualByComparingTo("0.2515");
            assertThat(decimal(operations, "expectedToDate")).isEqualByComparingTo("1371.5");
            assertThat(decimal(operations, "projected")).isEqualByComparingTo("5520");
            assertThat(decimal(operations, "varianceRate")).isEqualByComparingTo("0.0062");
            assertThat(operations.get("status")).isEqualTo("ON_BUDGET");
            // 一般管理費 192: actual 75, projected 300, variance +108 = 56.25 % → drifting.
            Map<String, Object> admin = line(report, "bg-examination-exp-admin");
            assertThat(decimal(admin, "projected")).isEqualByComparingTo("300");
            assertThat(decimal(admin, "varianceRate")).isEqualByComparingTo("0.5625");
            assertThat(admin.get("status")).isEqualTo("DRIFTING");
            // 業務収入 5,837: actual 1,230, projected 4,920, variance −917 = −15.71 % → a shortfall drifts too.
            Map<String, Object> revenue = line(report, "bg-examination-rev-operations");
            assertThat(decimal(revenue, "varianceRate")).isEqualByComparingTo("-0.1571");
            assertThat(revenue.get("status")).isEqualTo("DRIFTING");
            // 支出 計 5,678 adds up its lines: 1,380 + 75 = 1,455 → projected 5,820, +2.50 %.
            Map<String, Object> spending = line(report, "bg-examination-exp-total");
            assertThat(decimal(spending, "actual")).isEqualByComparingTo("1455");
            assertThat(decimal(spending, "varianceRate")).isEqualByComparingTo("0.0250");
            // The whole agency's 業務経費 (総表) rolls up the accounts: only the examination account reported.
            assertThat(decimal(line(report, "bg-total-exp-operations"), "actual")).isEqualByComparingTo("1380");
            // The printed total is kept and the rounding difference shown: 29,460 printed, its lines add up to 29,459.
            Map<String, Object> revenueTotal = line(report, "bg-total-rev-total");
            assertThat(decimal(revenueTotal, "budget")).isEqualByComparingTo("29460");
            assertThat(decimal(revenueTotal, "sumOfParts")).isEqualByComparingTo("29459");
            assertThat(decimal(revenueTotal, "printedDifference")).isEqualByComparingTo("1");
            assertThat(report.getList("drifting", String.class)).contains("bg-examination-exp-admin",
                    "bg-examination-rev-operations").doesNotContain("bg-examination-exp-operations");
            // The borrowing balance 2,500 of 3,000 passes the 80 % warning line.
            assertThat(report.getString("ceiling.status")).isEqualTo("WARNING");
            assertThat(new BigDecimal(report.getString("ceiling.usedRate"))).isEqualByComparingTo("0.8333");
        });

        // The drift and the warning are announced once, through the outbox.
        var drift = TopicReader.awaitRecord(suite.kafka.bootstrapServers(), Topics.BUDGET_STATUS,
                r -> "bg-examination-exp-admin".equals(r.key()), Duration.ofSeconds(60));
        JsonPath event = JsonPath.from(drift.value());
        assertThat(event.getString("status")).isEqualTo("DRIFTING");
        assertThat(event.getInt("fiscalYear")).isEqualTo(2024);
        assertThat(new BigDecimal(event.getString("varianceRate"))).isEqualByComparingTo("0.5625");
        var warning = TopicReader.awaitRecord(suite.kafka.bootstrapServers(), Topics.BUDGET_STATUS,
                r -> "short-term-borrowing-balance".equals(r.key()), Duration.ofSeconds(60));
        assertThat(JsonPath.from(warning.value()).getString("status")).isEqualTo("WARNING");

        // Finance records the cause and the response; the report shows them beside the line.
        suite.submitter("finance", SuiteServices.INDICATOR).contentType(ContentType.JSON)
                .body("{\"cause\":\"システム保守契約の更新時期が上期に集中した\",\"response\":\"下期の執行を抑え、役員会に報告する\"}")
                .post("/api/v1/budgets/2024/lines/bg-examination-exp-admin/analyses").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/budgets/2024/variance")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(((Map<String, Object>) line(report, "bg-examination-exp-admin").get("analysis")).get("cause"))
                    .isEqualTo("システム保守契約の更新時期が上期に集中した");
        });

        // BI pulls the same lines, flat.
        String rows = suite.as(LocalTokens.BI, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .queryParam("format", "csv").queryParam("limit", 1000).get("/api/v1/exports/budget-lines").then()
                .statusCode(200).extract().asString();
        assertThat(rows.lines().filter(l -> l.startsWith("bg-examination-exp-admin,")).findFirst().orElseThrow())
                .contains(",DRIFTING,");

        // Reporting's read model rebuilt from the topics gives the same report, line for line.
        String before = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/budgets/2024/variance")
                .then().statusCode(200).extract().asString();
        suite.as(LocalTokens.ADMIN, SuiteServices.REPORTING).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> !suite
                .as(LocalTokens.ADMIN, SuiteServices.REPORTING).get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));
        assertThat(JsonPath.from(suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/budgets/2024/variance")
                .then().statusCode(200).extract().asString()).getMap("")).isEqualTo(JsonPath.from(before).getMap(""));
    }

    private static BigDecimal decimal(Map<String, Object> line, String field) {
        Object value = line.get(field);
        assertThat(value).as(field).isNotNull();
        return new BigDecimal(value.toString());
    }
}
