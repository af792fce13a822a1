package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.BudgetAnalysisEvent;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;
import org.kpisuite.testing.TopicReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A fiscal year's budget: versions, the line indicators finance reports to, rules and analyses. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class BudgetResourceTest {

    private static final AtomicInteger NEXT_YEAR = new AtomicInteger(2030);

    private String planCode;
    private String table;
    private int year;

    @BeforeEach
    void planWithBudgetItemsKnown() {
        planCode = Codes.unique("PLAN").toUpperCase();
        table = Codes.unique("bg");
        // Each test its own year: a year has one budget (drawn at random, two tests shared one now and then).
        year = NEXT_YEAR.getAndIncrement();
        for (String code : new String[] { "IV.1", "IV.2", "IV.3", "V" }) {
            SuiteEvents.planItem(new PlanItemEvent(UUID.randomUUID(), planCode, code, null, "予算 " + code, code, 1,
                    false, false, 1, Instant.now()));
        }
        await().atMost(SuiteEvents.WAIT).until(() -> put(budget("1000", "9")).statusCode() != 422);
    }

    /** Revenue 運営費交付金 and その他収入 printed 1 and 9 with a 計 printed as given (the plan's rounding), spending. */
    private String budget(String spending, String revenueTotal) {
        return """
                {"planCode":"%s","reason":"当初予算","unit":"million-yen",
                 "borrowingLimit":{"code":"%s-borrowing","nameJa":"短期借入金残高","limit":3000},
                 "tables":[{"code":"%s","kind":"BUDGET","annex":"1-3","account":"examination","titleJa":"予算（試験勘定）",
                   "lines":[
                     {"key":"rev-grant","nameJa":"運営費交付金","side":"REVENUE","amount":1},
                     {"key":"rev-other","nameJa":"その他収入","side":"REVENUE","amount":9},
                     {"key":"rev-total","nameJa":"計","side":"REVENUE","amount":%s,"sumOf":["rev-grant","rev-other"]},
                     {"key":"exp-operations","nameJa":"業務経費","side":"EXPENDITURE","amount":%s}]}]}"""
                .formatted(planCode, table, table, revenueTotal, spending);
    }

    private io.restassured.response.Response put(String body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/budgets/{year}", year);
    }

    @Test
    void aBudgetIsVersionedAndItsLinesBecomeIndicatorsFinanceReportsTo() {
        // The @BeforeEach put the first version: the same budget again changes nothing.
        put(budget("1000", "9")).then().statusCode(200).header("X-Outcome", "UNCHANGED").body("version", equalTo(1));

        given().get("/api/v1/indicators/{code}", table + "-exp-operations").then().statusCode(200)
                .body("department", equalTo("finance"))
                .body("unit", equalTo("million-yen"))
                .body("referenceOnly", equalTo(true))
                .body("aggregation", equalTo("SUM"))
                .body("firstFiscalYear", equalTo(year))
                .body("targets", hasSize(0));
        given().get("/api/v1/indicators/{code}", table + "-borrowing").then().statusCode(200)
                .body("aggregation", equalTo("LAST"));
        // A total takes no actuals of its own: it adds up its lines.
        given().get("/api/v1/indicators/{code}", table + "-rev-total").then().statusCode(404);

        // A revision (補正): version 2, and version 1 stays readable as it was.
        put(budget("1200", "9")).then().statusCode(200).header("X-Outcome", "CHANGED").body("version", equalTo(2));
        given().get("/api/v1/budgets/{year}", year).then().statusCode(200)
                .body("version", equalTo(2)).body("tables[0].lines[3].amount", equalTo(1200));
        given().get("/api/v1/budgets/{year}/versions/1", year).then().statusCode(200)
                .body("tables[0].lines[3].amount", equalTo(1000))
                .body("tables[0].lines[2].amount", equalTo(9));
        given().get("/api/v1/budgets/{year}/versions", year).then().statusCode(200).body("version", hasSize(2));

        var record = SuiteEvents.awaitRecord(Topics.BUDGETS, r -> Integer.toString(year).equals(r.key())
                && SuiteEvents.read(r.value(), BudgetEvent.class).version() == 2, Duration.ofSeconds(20));
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(BudgetEvent.TYPE_CHANGED);
        BudgetEvent event = SuiteEvents.read(record.value(), BudgetEvent.class);
        // Kept as printed: 計 9 although its lines add up to 10.
        assertThat(event.tables().get(0).lines().get(2).amount()).isEqualByComparingTo("9");
        assertThat(event.changedBy()).isNotBlank();
    }

    @Test
    void aBudgetBelongsToThePlanOfItsOwnYear() {
        String lastYears = Codes.unique("PLAN").toUpperCase();
        String thisYears = Codes.unique("PLAN").toUpperCase();
        for (String code : new String[] { "IV.1", "IV.2", "IV.3", "V" }) {
            SuiteEvents.planItem(new PlanItemEvent(UUID.randomUUID(), lastYears, code, null, "予算 " + code, code, 1,
                    false, false, 1, Instant.now(), "IPA", year - 1));
            SuiteEvents.planItem(new PlanItemEvent(UUID.randomUUID(), thisYears, code, null, "予算 " + code, code, 1,
                    false, false, 1, Instant.now(), "IPA", year));
        }
        // Its own line indicators: those of the @BeforeEach's budget hang under the other plan's items.
        String ownTable = Codes.unique("bg");
        await().atMost(SuiteEvents.WAIT).until(() -> put(budget("1000", "9").replace(planCode, thisYears)
                .replace(table, ownTable)).statusCode() == 200);
        given().get("/api/v1/budgets/{year}", year).then().statusCode(200)
                .body("planCode", equalTo(thisYears)).body("version", equalTo(2));

        // Until last year's items are known here, the answer is that the plan has no such item.
        String lastYearsBudget = budget("1000", "9").replace(planCode, lastYears).replace(table, ownTable);
        await().atMost(SuiteEvents.WAIT).untilAsserted(() -> put(lastYearsBudget)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("planCode"))
                .body("violations[0].reason", containsString("FY" + (year - 1) + ", not FY" + year)));
        given().get("/api/v1/budgets/{year}", year).then().statusCode(200)
                .body("planCode", equalTo(thisYears)).body("version", equalTo(2));
    }

    @Test
    void aLineOfLastYearsAndThisYearsBudgetsIsOneIndicatorOverBothYears() {
        linesSharedAcrossYears(true);
        linesSharedAcrossYears(false);
    }

    /**
     * Each year's plan has its own code and items; two years' budgets whose table shares its code share its lines'
     * indicators, which take actuals of both years (the variance's previous-year profile reads last year's).
     */
    private void linesSharedAcrossYears(boolean thisYearsFirst) {
        int lastYear = NEXT_YEAR.getAndIncrement();
        int thisYear = NEXT_YEAR.getAndIncrement();
        String lastYears = Codes.unique("PLAN").toUpperCase();
        String thisYears = Codes.unique("PLAN").toUpperCase();
        UUID lastYearsBudgetItem = UUID.randomUUID();
        UUID thisYearsBudgetItem = UUID.randomUUID();
        for (String code : new String[] { "IV.1", "IV.2", "IV.3", "V" }) {
            SuiteEvents.planItem(new PlanItemEvent("IV.1".equals(code) ? lastYearsBudgetItem : UUID.randomUUID(),
                    lastYears, code, null, "予算 " + code, code, 1, false, false, 1, Instant.now(), "IPA", lastYear));
            SuiteEvents.planItem(new PlanItemEvent("IV.1".equals(code) ? thisYearsBudgetItem : UUID.randomUUID(),
                    thisYears, code, null, "予算 " + code, code, 1, false, false, 1, Instant.now(), "IPA", thisYear));
        }
        String shared = Codes.unique("bgy");
        String thisYearsBudget = budget("1000", "9").replace(planCode, thisYears).replace(table, shared);
        String lastYearsBudget = budget("900", "9").replace(planCode, lastYears).replace(table, shared);
        List<Map.Entry<Integer, String>> order = List.of(Map.entry(thisYear, thisYearsBudget),
                Map.entry(lastYear, lastYearsBudget));
        for (var put : thisYearsFirst ? order : List.of(order.get(1), order.get(0))) {
            await().atMost(SuiteEvents.WAIT).untilAsserted(() -> given().contentType(ContentType.JSON)
                    .body(put.getValue()).put("/api/v1/budgets/{year}", put.getKey()).then().statusCode(201));
        }
        // Whichever came first, the lines take actuals from last year on, under this year's item.
        for (String line : new String[] { "-rev-grant", "-exp-operations", "-borrowing" }) {
            given().get("/api/v1/indicators/{code}", shared + line).then().statusCode(200)
                    .body("firstFiscalYear", equalTo(lastYear))
                    .body("department", equalTo("finance"));
        }
        given().get("/api/v1/indicators/{code}", shared + "-exp-operations").then()
                .body("planItemId", equalTo(thisYearsBudgetItem.toString()));

        // This year's revised: the lines keep both years.
        given().contentType(ContentType.JSON).body(thisYearsBudget.replace("\"amount\":1000", "\"amount\":1100"))
                .put("/api/v1/budgets/{year}", thisYear).then().statusCode(200);
        given().get("/api/v1/indicators/{code}", shared + "-exp-operations").then()
                .body("firstFiscalYear", equalTo(lastYear))
                .body("planItemId", equalTo(thisYearsBudgetItem.toString()));

        // A finance reference indicator under last year's budget item, coded as a line would be, is no budget's line.
        String notALine = Codes.unique("bgn");
        given().contentType(ContentType.JSON).body("""
                {"code":"%s-exp-operations","nameJa":"別の指標","unit":"million-yen","department":"finance",
                 "planItemId":"%s","referenceOnly":true,"aggregation":"SUM",
                 "targets":[{"fiscalYear":%d,"comparator":"AT_LEAST","value":1}]}"""
                .formatted(notALine, lastYearsBudgetItem, lastYear)).post("/api/v1/indicators").then().statusCode(201);
        given().contentType(ContentType.JSON).body(thisYearsBudget.replace(shared, notALine))
                .put("/api/v1/budgets/{year}", thisYear).then().statusCode(409)
                .body("violations.field", hasItem("tables[0].lines[3].key"));
    }

    @Test
    void aBrokenBudgetIsAProblemNamingTheFieldAndChangesNothing() {
        String unknownPart = budget("1000", "9").replace("\"sumOf\":[\"rev-grant\",\"rev-other\"]",
                "\"sumOf\":[\"rev-grant\",\"rev-nothing\"]");
        put(unknownPart).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("tables[0].lines[2].sumOf[1]"));

        String circle = budget("1000", "9").replace("{\"key\":\"rev-grant\",\"nameJa\":\"運営費交付金\",\"side\":\"REVENUE\",\"amount\":1}",
                "{\"key\":\"rev-grant\",\"nameJa\":\"運営費交付金\",\"side\":\"REVENUE\",\"amount\":1,\"sumOf\":[\"rev-total\"]}");
        put(circle).then().statusCode(422).body("violations.field", hasItem("tables[0].lines"));

        String badRollup = budget("1000", "9").replace("\"tables\":[", """
                "tables":[{"code":"%s-total","kind":"CASH_FLOW","account":"total","titleJa":"総表","rollupOf":["%s"],
                  "lines":[{"key":"rev-grant","nameJa":"運営費交付金","side":"REVENUE","amount":1}]},""".formatted(table, table));
        put(badRollup).then().statusCode(422).body("violations.field", hasItem("tables[0].rollupOf[0]"));

        String noSide = budget("1000", "9").replace("\"side\":\"EXPENDITURE\",", "");
        put(noSide).then().statusCode(422).body("violations.field", hasItem("tables[0].lines[3].side"));

        given().contentType(ContentType.JSON).body("{\"planCode\":\"X\",\"tables\":[]}").put("/api/v1/budgets/1999")
                .then().statusCode(400);
        // Hostile shapes are problems, never a 500.
        for (String hostile : new String[] {
                budget("1000", "9").replace("\"tables\":[", "\"tables\":[null,"),
                budget("1000", "9").replace("\"lines\":[", "\"lines\":[null,"),
                budget("1000", "9").replace("\"sumOf\":[\"rev-grant\"", "\"sumOf\":[null,\"rev-grant\""),
                budget("1000", "9").replace("\"kind\":\"BUDGET\"", "\"kind\":\"FORECAST\""),
                budget("1000", "9").replace("\"amount\":1}", "\"amount\":\"one\"}"),
                budget("1000", "9").replace("\"amount\":1}", "\"amount\":1e400}"),
                budget("1000", "9").replace("\"amount\":1}", "\"amount\":0.0000001}"),
                "{\"planCode\":\"%s\"}".formatted(planCode), "[]", "null" }) {
            int status = put(hostile).then().extract().statusCode();
            assertThat(status).as(hostile).isBetween(400, 422);
        }

        // Nothing of the broken ones was kept: still version 1.
        given().get("/api/v1/budgets/{year}", year).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aNullLineOrPartIsNamedWhereItStands() {
        put(budget("1000", "9").replace("\"lines\":[", "\"lines\":[null,")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("tables[0].lines[0]"))
                .body("violations.reason", hasItem("must not be null"));
        put(budget("1000", "9").replace("\"sumOf\":[\"rev-grant\"", "\"sumOf\":[null,\"rev-grant\"")).then()
                .statusCode(422).body("violations.field", hasItem("tables[0].lines[2].sumOf[0]"));
        given().get("/api/v1/budgets/{year}", year).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void financeRecordsAnalysesOfALineWithHistory() {
        String line = table + "-exp-operations";
        given().contentType(ContentType.JSON)
                .body("{\"cause\":\"大型調達の契約が前倒しとなった\",\"response\":\"下期の執行計画を見直す\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(201)
                .body("version", equalTo(1));
        given().spec(Tokens.as(Tokens.submitter("finance"))).contentType(ContentType.JSON)
                .body("{\"cause\":\"前倒しは一時的と判明\",\"response\":\"計画どおり執行する\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(201)
                .body("version", equalTo(2));
        // A total line can be analysed too: the board reads the totals.
        given().contentType(ContentType.JSON).body("{\"cause\":\"c\",\"response\":\"r\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, table + "-rev-total").then().statusCode(201);

        given().get("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(200)
                .body("version", hasSize(2))
                .body("[0].cause", equalTo("大型調達の契約が前倒しとなった"))
                .body("[1].response", equalTo("計画どおり執行する"));

        given().spec(Tokens.as(Tokens.submitter("security"))).contentType(ContentType.JSON)
                .body("{\"cause\":\"c\",\"response\":\"r\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(403);
        given().spec(Tokens.as(Tokens.viewer())).contentType(ContentType.JSON).body("{\"cause\":\"c\",\"response\":\"r\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"cause\":\" \",\"response\":\"r\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(422)
                .body("violations.field", hasItem("cause"));
        given().contentType(ContentType.JSON).body("{\"cause\":\"c\",\"response\":\"r\"}")
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, table + "-nothing").then().statusCode(404);

        SuiteEvents.awaitRecord(Topics.BUDGETS, r -> line.equals(r.key())
                && BudgetAnalysisEvent.TYPE_RECORDED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))
                && SuiteEvents.read(r.value(), BudgetAnalysisEvent.class).version() == 2, Duration.ofSeconds(20));
    }

    @Test
    void budgetsOfYearsSharingLineIndicatorsPutAtOnceDefineEachIndicatorWithoutGaps() throws Exception {
        // Four years' budgets with one table code share its line indicators; half list the lines the other way round.
        String shared = Codes.unique("bgs");
        int[] years = { NEXT_YEAR.getAndIncrement(), NEXT_YEAR.getAndIncrement(), NEXT_YEAR.getAndIncrement(),
                NEXT_YEAR.getAndIncrement() };
        var pool = java.util.concurrent.Executors.newFixedThreadPool(years.length);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<io.restassured.response.Response>>();
            for (int i = 0; i < years.length; i++) {
                int fiscalYear = years[i];
                String body = sharedBudget(shared, i % 2 == 1);
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body).put("/api/v1/budgets/{year}", fiscalYear);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().asString()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        for (String line : new String[] { "-rev-grant", "-exp-operations", "-borrowing" }) {
            int version = given().get("/api/v1/indicators/{code}", shared + line).then().statusCode(200)
                    .body("firstFiscalYear", equalTo(years[0])).extract().path("version");
            given().get("/api/v1/indicators/{code}/versions", shared + line).then().statusCode(200)
                    .body("version", equalTo(java.util.stream.IntStream.rangeClosed(1, version).boxed().toList()));
        }
    }

    /** A budget of the @BeforeEach's plan whose one table has the given code, its lines in order or reversed. */
    private String sharedBudget(String code, boolean reversed) {
        var lines = new java.util.ArrayList<>(java.util.List.of(
                "{\"key\":\"rev-grant\",\"nameJa\":\"運営費交付金\",\"side\":\"REVENUE\",\"amount\":1}",
                "{\"key\":\"rev-other\",\"nameJa\":\"その他収入\",\"side\":\"REVENUE\",\"amount\":9}",
                "{\"key\":\"exp-operations\",\"nameJa\":\"業務経費\",\"side\":\"EXPENDITURE\",\"amount\":10}"));
        if (reversed) {
            java.util.Collections.reverse(lines);
        }
        return """
                {"planCode":"%s","reason":"当初予算","unit":"million-yen",
                 "borrowingLimit":{"code":"%s-borrowing","nameJa":"短期借入金残高","limit":3000},
                 "tables":[{"code":"%s","kind":"BUDGET","annex":"1-3","account":"examination","titleJa":"予算（試験勘定）",
                   "lines":[%s]}]}""".formatted(planCode, code, code, String.join(",", lines));
    }

    @Test
    void theSameAnalysisSentAgainChangesNothing() throws Exception {
        String line = table + "-exp-operations";
        String first = "{\"cause\":\"契約の前倒し\",\"response\":\"下期に調整する\"}";
        analyse(line, first).then().statusCode(201).header("X-Outcome", "CREATED").body("version", equalTo(1));
        // A retried request (the surrounding blanks are not kept either): the version in force, no new one.
        analyse(line, first).then().statusCode(200).header("X-Outcome", "UNCHANGED").body("version", equalTo(1));
        analyse(line, "{\"cause\":\" 契約の前倒し\\n\",\"response\":\"下期に調整する \"}").then().statusCode(200)
                .header("X-Outcome", "UNCHANGED").body("version", equalTo(1));
        // A change is the next version; going back to the first text is a change too.
        analyse(line, "{\"cause\":\"契約の前倒し\",\"response\":\"役員会に報告する\"}").then().statusCode(201)
                .header("X-Outcome", "CREATED").body("version", equalTo(2));
        analyse(line, first).then().statusCode(201).body("version", equalTo(3));

        // The same analysis sent at once by several clients: recorded once.
        String other = table + "-rev-grant";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> analyse(other, first).statusCode()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200, 200);
        } finally {
            pool.shutdown();
        }
        given().get("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(1, 2, 3));
        given().get("/api/v1/budgets/{year}/lines/{line}/analyses", year, other).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(1));

        // One event per version: the repeats published none.
        SuiteEvents.awaitRecord(Topics.BUDGETS, r -> line.equals(r.key())
                && SuiteEvents.read(r.value(), BudgetAnalysisEvent.class).version() == 3, Duration.ofSeconds(20));
        assertThat(SuiteEvents.readAll(Topics.BUDGETS, r -> line.equals(r.key())
                && BudgetAnalysisEvent.TYPE_RECORDED.equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(2))).hasSize(3);
    }

    private io.restassured.response.Response analyse(String line, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line);
    }

    @Test
    void analysesRecordedAtOnceEachGetTheirOwnVersion() throws Exception {
        String line = table + "-exp-operations";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                String body = "{\"cause\":\"c" + i + "\",\"response\":\"r\"}";
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON).body(body)
                        .post("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        given().get("/api/v1/budgets/{year}/lines/{line}/analyses", year, line).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(1, 2, 3, 4));
    }

    @Test
    void aLineCodeTakenByAnIndicatorThatIsNoBudgetLineIsAConflict() {
        UUID item = KnownPlanItem.publish();
        String other = Codes.unique("bgx");
        String indicator = """
                {"code":"%s-exp-operations","nameJa":"別の指標","unit":"cases","department":"d","planItemId":"%s",
                 "aggregation":"SUM","targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":1}]}"""
                .formatted(other, item);
        given().contentType(ContentType.JSON).body(indicator).post("/api/v1/indicators").then().statusCode(201);
        put(budget("1000", "9").replace("\"code\":\"" + table + "\"", "\"code\":\"" + other + "\"")).then()
                .statusCode(409).body("violations.field", hasItem("tables[0].lines[3].key"));
    }
}
