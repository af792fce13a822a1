package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.BudgetAnalysisEvent;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.BudgetEvent.Line;
import org.kpisuite.events.BudgetEvent.Side;
import org.kpisuite.events.BudgetEvent.Table;
import org.kpisuite.events.BudgetStatusEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Reporting's budget view, built from kpi.budgets.v1 and the line indicators' measurements. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class BudgetViewsTest {

    private String table;
    private String line;
    private int year;
    private long version;

    @BeforeEach
    void budgetFromKafka() {
        table = Codes.unique("bg");
        line = table + "-exp-operations";
        // A past year (its months are all before today); its version newer than any other test's budget of it.
        year = 2001 + Math.floorMod(table.hashCode(), 24);
        version = System.currentTimeMillis();
        SuiteEvents.publish(Topics.BUDGETS, Integer.toString(year), BudgetEvent.TYPE_CHANGED, budget(version, "1200"));
        SuiteEvents.publish(Topics.INDICATORS, line, IndicatorEvent.TYPE_DEFINED, new IndicatorEvent(line,
                "予算 業務経費", null, "million-yen", "finance", UUID.randomUUID(), false, true,
                IndicatorEvent.Aggregation.SUM, List.of(), false, 1, Instant.now()));
        await().atMost(SuiteEvents.WAIT).until(() -> given().get("/api/v1/budgets/{year}/variance", year).statusCode() == 200);
    }

    private BudgetEvent budget(long version, String amount) {
        Table t = new Table(table, BudgetEvent.Kind.BUDGET, "1-3", "examination", null, "予算（試験勘定）", "Budget",
                List.of(), null, null, List.of(
                        new Line("exp-operations", "業務経費", "Operating expenses", Side.EXPENDITURE, new BigDecimal(amount), List.of()),
                        new Line("exp-total", "計", "Total", Side.EXPENDITURE, new BigDecimal("1199"), List.of("exp-operations"))));
        return new BudgetEvent(year, version, "PLAN", "当初予算", "million-yen", null, List.of(t), Instant.now(), "test");
    }

    private void month(String month, String value) {
        SuiteEvents.publish(Topics.MEASUREMENTS, line, MeasurementEvent.TYPE_RECORDED, new MeasurementEvent(
                UUID.randomUUID(), line, "", "", "finance", month, new BigDecimal(value), 1, null, null, "finance-user",
                Instant.now()));
    }

    private JsonPath variance() {
        return given().get("/api/v1/budgets/{year}/variance", year).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void actualsDriftAndTheDriftIsAnnouncedOnce() {
        // An older version delivered late changes nothing.
        SuiteEvents.publish(Topics.BUDGETS, Integer.toString(year), BudgetEvent.TYPE_CHANGED, budget(version - 1, "5000"));
        month(year + "-04", "150");
        month(year + "-05", "150");
        await().atMost(SuiteEvents.WAIT).untilAsserted(() -> {
            JsonPath report = variance();
            assertThat(report.getLong("budgetVersion")).isEqualTo(version);
            // 2 of 12 months: share 0.1667; 300 / (2/12) = 1,800 against 1,200 → +50 % → drifting.
            assertThat(new BigDecimal(report.getString("tables[0].lines[0].actual"))).isEqualByComparingTo("300");
            assertThat(new BigDecimal(report.getString("tables[0].lines[0].projected"))).isEqualByComparingTo("1800");
            assertThat(report.getString("tables[0].lines[0].status")).isEqualTo("DRIFTING");
            // 計 printed 1,199, its line 1,200: both kept, the difference shown.
            assertThat(new BigDecimal(report.getString("tables[0].lines[1].printedDifference"))).isEqualByComparingTo("-1");
            // Largest rate first: the total's 601 / 1,199 = 0.5013 before the line's 600 / 1,200 = 0.5000.
            assertThat(report.getList("drifting", String.class)).containsExactly(table + "-exp-total", line);
        });
        var announced = SuiteEvents.awaitRecord(Topics.BUDGET_STATUS, r -> line.equals(r.key())
                && SuiteEvents.read(r.value(), BudgetStatusEvent.class).fiscalYear() == year, Duration.ofSeconds(40));
        BudgetStatusEvent event = SuiteEvents.read(announced.value(), BudgetStatusEvent.class);
        assertThat(event.status()).isEqualTo("DRIFTING");
        assertThat(event.previousStatus()).isIn(null, "NO_ACTUALS");
        assertThat(event.fiscalYear()).isEqualTo(year);

        SuiteEvents.publish(Topics.BUDGETS, line, BudgetAnalysisEvent.TYPE_RECORDED,
                new BudgetAnalysisEvent(year, line, 1, "契約の前倒し", "下期を抑える", Instant.now(), "finance-user"));
        await().atMost(SuiteEvents.WAIT).untilAsserted(() ->
                assertThat(variance().getString("tables[0].lines[0].analysis.cause")).isEqualTo("契約の前倒し"));

        // The same facts flat for BI, as CSV.
        String csv = given().spec(Tokens.as(Tokens.bi())).queryParam("fiscalYear", year).queryParam("format", "csv")
                .get("/api/v1/exports/budget-lines").then().statusCode(200).extract().asString();
        assertThat(csv.lines().filter(l -> l.startsWith(line + ",")).findFirst().orElseThrow())
                .contains(",DRIFTING,", "契約の前倒し");
        // Still DRIFTING on the next rounds: announced once.
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true); // watch-every 2s in tests
        assertThat(SuiteEvents.readAll(Topics.BUDGET_STATUS, r -> line.equals(r.key()), Duration.ofSeconds(5))).hasSize(1);
        // (a line code is unique to this test, so every record of it is this test's)
    }

    @Test
    void anUnknownYearIsANotFoundProblem() {
        given().get("/api/v1/budgets/2099/variance").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/budgets/1999/variance").then().statusCode(400);
        given().queryParam("asOf", "not-a-day").get("/api/v1/budgets/{year}/variance", year).then().statusCode(400);
        given().spec(Tokens.as(Tokens.bi())).get("/api/v1/exports/budget-lines").then().statusCode(400)
                .body("violations[0].field", equalTo("fiscalYear"));
    }
}
