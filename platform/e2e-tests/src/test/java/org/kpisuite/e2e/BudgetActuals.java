package org.kpisuite.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.kpisuite.devstack.SuiteServices;

import io.restassured.path.json.JsonPath;

/**
 * The actuals both budget tests have finance post (BudgetEndToEndTest through the API, BudgetBrowserTest before it
 * opens the page): April–June of the examination account (別紙１－３) and the borrowing balance, as CSV. The rows
 * are the same for both, so whichever runs second finds them unchanged and both see the same figures.
 */
final class BudgetActuals {

    /** Ten rows: three months of three lines of the examination account and June's borrowing balance. */
    static final String CSV = """
            indicatorCode,department,month,value,note
            bg-examination-exp-operations,finance,2024-04,460,
            bg-examination-exp-operations,finance,2024-05,450,
            bg-examination-exp-operations,finance,2024-06,470,
            bg-examination-exp-admin,finance,2024-04,20,
            bg-examination-exp-admin,finance,2024-05,25,
            bg-examination-exp-admin,finance,2024-06,30,
            bg-examination-rev-operations,finance,2024-04,400,
            bg-examination-rev-operations,finance,2024-05,410,
            bg-examination-rev-operations,finance,2024-06,420,
            short-term-borrowing-balance,finance,2024-06,2500,
            """;

    private BudgetActuals() {
    }

    /**
     * Until ingestion knows the budget's line indicators (it learns them from kpi.indicators.v1, a moment after the
     * budget is loaded): a dry run of the rows, which stores nothing, rejects none of them.
     */
    static void awaitIngestionKnowsTheLines(SuiteUnderTest suite) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = suite.submitter("finance", SuiteServices.INGESTION).contentType("text/csv")
                    .queryParam("dryRun", true).body(CSV).post("/api/v1/measurements/batch");
            return response.statusCode() == 200 && response.jsonPath().getInt("rejected") == 0;
        });
    }

    /** A line of reporting's variance report (GET /api/v1/budgets/{fiscalYear}/variance), by its code. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> line(JsonPath report, String code) {
        for (Map<String, Object> table : report.getList("tables", Map.class)) {
            for (Map<String, Object> line : (List<Map<String, Object>>) table.get("lines")) {
                if (code.equals(line.get("code"))) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line " + code + " in the report");
    }
}
