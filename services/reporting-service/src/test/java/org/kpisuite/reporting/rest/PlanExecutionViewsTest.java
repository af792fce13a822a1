package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.events.MeasureEvent.Status;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.MilestoneStatusEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;


import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Reporting's plan-execution views, from events only, with the recording times the events carry: the plan tree of a
 * date (what was recorded by its end), reviews (as recorded by an instant) that come out the same when taken again and
 * after a rebuild, a comparison of two reviews, the milestone status event and the BI rows.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanExecutionViewsTest {



    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String plan = "RT-" + suffix;
    /** An agency of its own: the plans of other tests are not this plan's other years. */
    private final String agency = "AG-" + suffix;
    private final UUID chapter = UUID.randomUUID();
    private final UUID section = UUID.randomUUID();
    private final UUID item = UUID.randomUUID();
    private final UUID measure = UUID.randomUUID();
    private final UUID initiative = UUID.randomUUID();
    private final UUID m1 = UUID.randomUUID();
    private final UUID m2 = UUID.randomUUID();
    private final UUID m3 = UUID.randomUUID();
    private final String indicator = "acc-" + suffix;

    @Test
    void theTreeOfADateReviewsTheirComparisonAndTheBiRowsComeFromTheEvents() throws Exception {
        publishHistory();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tree(today()).getString(
                "items[0].items[0].items[0].measures[0].status")).isEqualTo("DELAYED"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tree(LocalDate.of(2024, 9, 30))
                .getString("items[0].items[0].indicators[0].actual")).isEqualTo("120"));

        // Today: everything recorded so far; both milestones of the measure are long past due.
        JsonPath today = tree(today());
        String m = "items[0].items[0].items[0].measures[0]";
        assertThat(today.getList("items.code")).containsExactly("I", "II");
        assertThat(today.getBoolean("items[0].items[0].importantInitiative")).isTrue();
        assertThat(today.getList(m + ".milestones.state")).containsExactly("OVERDUE", "OVERDUE");
        assertThat(today.getInt(m + ".commentary[0].revision")).isEqualTo(2);
        assertThat(today.getInt("items[0].attention.overdueMilestones")).isEqualTo(2);
        assertThat(today.getInt("items[0].attention.delayedMeasures")).isEqualTo(1);
        assertThat(today.getInt("summary.overdueMilestones")).isEqualTo(2);
        assertThat(today.getString("recordedBy")).isNull();

        // 2024-09-30 as known at its end: ON_TRACK, M1 30 days overdue, the initiative's milestone done on 09-20,
        // no commentary yet (written in October), the indicator (of a later plan's I.2) on this plan's I.2.
        JsonPath h1 = tree(LocalDate.of(2024, 9, 30));
        assertThat(h1.getString(m + ".status")).isEqualTo("ON_TRACK");
        assertThat(h1.getList(m + ".milestones.state")).containsExactly("OVERDUE", "OPEN");
        assertThat(h1.getInt(m + ".milestones[0].daysOverdue")).isEqualTo(30);
        assertThat(h1.getList(m + ".commentary")).isEmpty();
        assertThat(h1.getString("items[0].items[0].initiatives[0].milestones[0].state")).isEqualTo("DONE");
        assertThat(h1.getString("items[0].items[0].initiatives[0].milestones[0].doneOn")).isEqualTo("2024-09-20");
        assertThat(h1.getList("items[0].items[0].indicators.code")).containsExactly(indicator);
        assertThat(h1.getString("recordedBy")).isEqualTo("2024-09-30T14:59:59.999999Z");

        // The milestone status as of today went out on kpi.milestone-status.v1.
        var status = TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.MILESTONE_STATUS, r -> m1.toString().equals(r.key())
                && MilestoneStatusEvent.TYPE_CHANGED.equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30));
        MilestoneStatusEvent event = SuiteEvents.read(status.value(), MilestoneStatusEvent.class);
        assertThat(event.status()).isEqualTo("OVERDUE");
        assertThat(event.measureCode()).isEqualTo("I.2.(3-1).1");
        assertThat(event.department()).isEqualTo("digital-talent");

        // The half-year review, taken after the half: H1 commentary of October is in, November's change is not.
        JsonPath review = take("H1-" + suffix, "2024-09-30", "2024-10-31T00:00:00Z").statusCode(201)
                .body("reproduced", equalTo(true)).extract().jsonPath();
        assertThat(review.getString("tree." + m + ".status")).isEqualTo("ON_TRACK");
        assertThat(review.getInt("tree." + m + ".commentary[0].revision")).isEqualTo(1);
        assertThat(review.getString("tree." + m + ".commentary[0].problems")).isEqualTo("会場確保が遅れている");
        assertThat(review.getString("tree.items[0].items[0].indicators[0].actual")).isEqualTo("150");
        String firstTaking = given().get("/api/v1/reviews/{code}", "H1-" + suffix).then().statusCode(200).extract()
                .asString();
        take("H1-" + suffix, "2024-09-30", null).statusCode(200).body("reproduced", equalTo(true));
        take("Q3-" + suffix, "2024-12-31", "2025-01-10T00:00:00Z").statusCode(201);

        JsonPath diff = given().queryParam("from", "H1-" + suffix).queryParam("to", "Q3-" + suffix)
                .get("/api/v1/reviews/compare").then().statusCode(200).extract().jsonPath();
        assertThat(diff.getInt("from.fiscalYear")).isEqualTo(2024);
        assertThat(diff.getInt("to.fiscalYear")).isEqualTo(2024);
        assertThat(diff.getList("statusChanges.code")).containsExactly("I.2.(3-1).1");
        assertThat(diff.getString("statusChanges[0].from")).isEqualTo("ON_TRACK");
        assertThat(diff.getString("statusChanges[0].to")).isEqualTo("DELAYED");
        assertThat(diff.getList("slippedMilestones.code")).containsExactly("I.2.(3-1).1.M2");
        assertThat(diff.getList("slippedMilestones[0].reasons")).containsExactly("DUE_POSTPONED");
        assertThat(diff.getList("indicatorChanges.code")).containsExactly(indicator);
        assertThat(diff.getString("indicatorChanges[0].actualBefore")).isEqualTo("150");
        assertThat(diff.getString("indicatorChanges[0].actualAfter")).isEqualTo("200");

        given().queryParam("planCode", plan).get("/api/v1/reviews").then().statusCode(200)
                .body("code", equalTo(List.of("H1-" + suffix, "Q3-" + suffix)))
                .body("[0].summary.overdueMilestones", equalTo(1));

        // BI: the review's rows, paged, the same nodes as its tree.
        List<String> types = new ArrayList<>();
        String url = "/api/v1/exports/plan?review=H1-" + suffix + "&limit=4";
        int pages = 0;
        while (url != null) {
            var answer = given().get(url).then().statusCode(200).extract();
            types.addAll(answer.jsonPath().getList("items.rowType"));
            String next = answer.jsonPath().getString("nextCursor");
            url = next == null ? null : "/api/v1/exports/plan?review=H1-" + suffix + "&limit=4&cursor=" + next;
            pages++;
        }
        assertThat(types).containsExactly("ITEM", "ITEM", "INDICATOR", "INITIATIVE", "MILESTONE", "ITEM", "MEASURE",
                "MILESTONE", "MILESTONE", "ITEM");
        assertThat(pages).isEqualTo(3);
        String csv = given().queryParam("review", "H1-" + suffix).queryParam("format", "csv").get("/api/v1/exports/plan")
                .then().statusCode(200).extract().asString();
        assertThat(csv).startsWith("path,parentPath,rowType,code,").contains("MILESTONE,I.2.(3-1).1.M1,I,I.2.(3-1),,")
                .contains(",OVERDUE,2024-08-31,,30,");

        // A rebuild from the topics: the same tree of the past date, and the same review when taken again.
        String pastBefore = given().queryParam("fiscalYear", 2024).queryParam("planCode", plan)
                .queryParam("asOf", "2024-09-30").get("/api/v1/plan-tree").then().extract().asString();
        given().post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> !given().get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));
        assertThat(given().queryParam("fiscalYear", 2024).queryParam("planCode", plan).queryParam("asOf", "2024-09-30")
                .get("/api/v1/plan-tree").then().extract().asString()).isEqualTo(pastBefore);
        take("H1-" + suffix, "2024-09-30", null).statusCode(200).body("reproduced", equalTo(true));
        assertThat(given().get("/api/v1/reviews/{code}", "H1-" + suffix).then().extract().asString()).isEqualTo(firstTaking);
        assertThat(TopicReader.readAll(SuiteEvents.bootstrapServers(), Topics.MILESTONE_STATUS, r -> m1.toString().equals(r.key()),
                Duration.ofSeconds(2))).as("the rebuild announces no status again").hasSize(1);
    }

    @Test
    void aReviewLeavesOutIndicatorsAndItemsDefinedAfterItsRecordedBy() throws Exception {
        publishHistory();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tree(LocalDate.of(2024, 9, 30))
                .getString("items[0].items[0].indicators[0].actual")).isEqualTo("120"));
        String code = "K-" + suffix;
        JsonPath first = take(code, "2024-09-30", "2024-10-31T00:00:00Z").statusCode(201)
                .body("reproduced", equalTo(true)).extract().jsonPath();
        String item3 = "items[0].items[0].items[0]";
        assertThat(first.getList("tree." + item3 + ".indicators")).isEmpty();

        // Defined in November, after the review's recordedBy: an indicator with a FY2024 target on the plan's item,
        // and a new item of the plan.
        String later = "later-" + suffix;
        var definition = new IndicatorEvent(later, "後から", "Later", "cases", "digital-talent", item, false, false,
                IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("10"))),
                false, 1, Instant.parse("2024-11-01T00:00:00Z"));
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.INDICATORS, later, SuiteEvents.json(definition),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, later));
        UUID newItem = UUID.randomUUID();
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.PLAN_ITEMS, newItem.toString(),
                SuiteEvents.json(new PlanItemEvent(newItem, plan, "III", null, "後から", null, 3, false, false, 1,
                        Instant.parse("2024-11-01T00:00:00Z"), agency, 2024)),
                CloudEvents.headers(PlanItemEvent.TYPE_UPSERTED, newItem.toString()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath today = tree(today());
            assertThat(today.getList("items.code")).contains("III");
            assertThat(today.getList(item3 + ".indicators.code")).contains(later);
        });

        // Taken again it is the same review: what reporting knew by 2024-10-31, not what it knows now.
        take(code, "2024-09-30", null).statusCode(200).body("reproduced", equalTo(true));
        JsonPath another = take("K2-" + suffix, "2024-09-30", "2024-10-31T00:00:00Z").statusCode(201).extract()
                .jsonPath();
        assertThat(another.getList("tree.items.code")).containsExactly("I", "II");
        assertThat(another.getList("tree." + item3 + ".indicators")).isEmpty();
        // A review recorded by a later instant has them.
        JsonPath december = take("K3-" + suffix, "2024-09-30", "2024-12-01T00:00:00Z").statusCode(201).extract()
                .jsonPath();
        assertThat(december.getList("tree.items.code")).containsExactly("I", "II", "III");
        assertThat(december.getList("tree." + item3 + ".indicators.code")).containsExactly(later);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        publishHistory();
        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("planCode", plan).get("/api/v1/plan-tree").statusCode() == 200);
        String tomorrow = today().plusDays(1).toString();
        Problems.expect(take("X-" + suffix, tomorrow, null), 422, "asOf");
        Problems.expect(take("X-" + suffix, "2024-09-30", "2999-01-01T00:00:00Z"), 422, "recordedBy");
        Problems.expect(take("bad code!", "2024-09-30", null), 400, "code");
        // Dates and instants that Java reads and the database cannot hold (or a Timestamp cannot carry)
        Problems.expect(take("Z-" + suffix, "-999999999-01-01", null), 400, "asOf");
        Problems.expect(take("Z-" + suffix, "0000-12-31", null), 400, "asOf");
        Problems.expect(take("Z-" + suffix, "2024-09-30", "-999999999-01-01T00:00:00Z"), 400, "recordedBy");
        Problems.expect(take("Z-" + suffix, "2024-09-30", "0000-12-31T23:59:59Z"), 400, "recordedBy");
        Problems.expect(given().get("/api/v1/reviews/{code}", "Z-" + suffix).then(), 404, null);
        take("X-" + suffix, "2024-09-30", null).statusCode(201);
        Problems.expect(take("X-" + suffix, "2024-10-31", null), 409, "asOf");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"name\":\"n\",\"fiscalYear\":2024,\"asOf\":\"2024-09-31\"}")
                .put("/api/v1/reviews/{code}", "Y-" + suffix).then(), 400, "asOf");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"name\":\"\\u200B\\u3000\",\"fiscalYear\":2024,"
                + "\"asOf\":\"2024-09-30\"}").put("/api/v1/reviews/{code}", "V-" + suffix).then(), 400, "name");
        Problems.expect(given().get("/api/v1/reviews/{code}", "no-such-" + suffix).then(), 404, null);
        Problems.expect(given().queryParam("from", "X-" + suffix).get("/api/v1/reviews/compare").then(), 400, "to");
        Problems.expect(given().get("/api/v1/plan-tree").then(), 400, "fiscalYear");
        // The FY2024 plan with another year is refused as evaluations refuse it, not answered with FY2025's indicators.
        Problems.expect(given().queryParam("fiscalYear", 2025).queryParam("planCode", plan).get("/api/v1/plan-tree")
                .then(), 422, "planCode");
        Problems.expect(given().queryParam("fiscalYear", 2025).queryParam("planCode", plan).get("/api/v1/exports/plan")
                .then(), 422, "planCode");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"name\":\"n\",\"fiscalYear\":2025,\"planCode\":\""
                + plan + "\",\"asOf\":\"2024-09-30\"}").put("/api/v1/reviews/{code}", "W-" + suffix).then(), 422, "planCode");
        Problems.expect(given().get("/api/v1/reviews/{code}", "W-" + suffix).then(), 404, null);
        Problems.expect(given().queryParam("fiscalYear", 2024).queryParam("planCode", "NO-" + suffix)
                .get("/api/v1/plan-tree").then(), 404, null);
        Problems.expect(given().queryParam("fiscalYear", 2024).queryParam("asOf", "2024-02-30")
                .get("/api/v1/plan-tree").then(), 400, "asOf");
        Problems.expect(given().get("/api/v1/exports/plan").then(), 400, "fiscalYear");
        Problems.expect(given().queryParam("review", "X-" + suffix).queryParam("cursor", "nonsense")
                .get("/api/v1/exports/plan").then(), 400, "cursor");
    }

    private ValidatableResponse take(String code, String asOf, String recordedBy) {
        String body = "{\"name\":\"" + code + "\",\"fiscalYear\":2024,\"planCode\":\"" + plan + "\",\"asOf\":\"" + asOf
                + "\"" + (recordedBy == null ? "" : ",\"recordedBy\":\"" + recordedBy + "\"") + "}";
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/reviews/{code}", code).then();
    }

    private JsonPath tree(LocalDate asOf) {
        return given().queryParam("fiscalYear", 2024).queryParam("planCode", plan).queryParam("asOf", asOf.toString())
                .get("/api/v1/plan-tree").then().statusCode(200).extract().jsonPath();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    /** The plan's items, an indicator of a later plan's I.2, and the measures' history with its recording times. */
    private void publishHistory() throws Exception {
        UUID laterPlansSection = UUID.randomUUID();
        UUID sameYearsOther = UUID.randomUUID();
        Instant april = Instant.parse("2024-04-01T00:00:00Z");
        List<TopicReader.Outgoing> items = List.of(
                item(chapter, "I", null, 1, false), item(UUID.randomUUID(), "II", null, 2, false),
                item(section, "I.2", chapter, 2, true), item(item, "I.2.(3-1)", section, 1, false),
                new TopicReader.Outgoing(laterPlansSection.toString(), SuiteEvents.json(new PlanItemEvent(
                        laterPlansSection, plan + "-NEXT", "I.2", null, "次年度", null, 1, false, false, 1, april,
                        agency, 2025)), CloudEvents.headers(PlanItemEvent.TYPE_UPSERTED, laterPlansSection.toString())),
                // Another plan of the same year (a demo, say): its indicators are not this plan's.
                new TopicReader.Outgoing(sameYearsOther.toString(), SuiteEvents.json(new PlanItemEvent(
                        sameYearsOther, plan + "-DEMO", "I.2", null, "デモ", null, 1, false, false, 1, april,
                        agency, 2024)), CloudEvents.headers(PlanItemEvent.TYPE_UPSERTED, sameYearsOther.toString())));
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.PLAN_ITEMS, items);
        var definition = new IndicatorEvent(indicator, "アクセス数", "Accesses", "accesses", "digital-talent",
                laterPlansSection, false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("1200"))),
                false, 1, april);
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.INDICATORS, indicator, SuiteEvents.json(definition),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, indicator));
        var demo = new IndicatorEvent(indicator + "-demo", "デモ", "Demo", "accesses", "digital-talent", sameYearsOther,
                false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("1"))),
                false, 1, april);
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.INDICATORS, demo.code(), SuiteEvents.json(demo),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, demo.code()));
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, List.of(
                value("2024-06", "120", 1, "2024-09-15T00:00:00Z"), value("2024-09", "30", 1, "2024-10-05T00:00:00Z"),
                value("2024-11", "50", 1, "2024-12-10T00:00:00Z")));

        var due = new MeasureEvent.Milestone(m1, "I.2.(3-1).1.M1", "申込受付開始", null, LocalDate.of(2024, 8, 31), null, null);
        var second = new MeasureEvent.Milestone(m2, "I.2.(3-1).1.M2", "会場契約", null, LocalDate.of(2024, 12, 31), null, null);
        var postponed = new MeasureEvent.Milestone(m2, "I.2.(3-1).1.M2", "会場契約", null, LocalDate.of(2025, 2, 28), null, null);
        var deliverable = new MeasureEvent.Milestone(m3, "I.2.IMP1.M1", "白書の作成", null, LocalDate.of(2025, 3, 31), null, null);
        var delivered = new MeasureEvent.Milestone(m3, "I.2.IMP1.M1", "白書の作成", null, LocalDate.of(2025, 3, 31), null,
                LocalDate.of(2024, 9, 20));
        List<TopicReader.Outgoing> log = List.of(
                measure(measure, Kind.MEASURE, item, Status.NOT_STARTED, List.of(due, second), 1, "2024-04-01T00:00:00Z"),
                measure(measure, Kind.MEASURE, item, Status.ON_TRACK, List.of(due, second), 2, "2024-07-01T00:00:00Z"),
                commentary(1, "会場確保が遅れている", "2024-10-07T00:00:00Z"),
                measure(measure, Kind.MEASURE, item, Status.DELAYED, List.of(due, postponed), 3, "2024-11-15T00:00:00Z"),
                commentary(2, "会場確保は１１月に完了", "2024-12-01T00:00:00Z"),
                measure(initiative, Kind.INITIATIVE, section, Status.ON_TRACK, List.of(deliverable), 1, "2024-04-01T00:00:00Z"),
                measure(initiative, Kind.INITIATIVE, section, Status.DONE, List.of(delivered), 2, "2024-09-21T00:00:00Z"));
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.PLAN_EXECUTION, log);
    }

    private TopicReader.Outgoing item(UUID id, String code, UUID parent, int order, boolean important) throws Exception {
        return new TopicReader.Outgoing(id.toString(), SuiteEvents.json(new PlanItemEvent(id, plan, code, parent,
                code + " の名前", null, order, important, false, 1, Instant.parse("2024-04-01T00:00:00Z"), agency, 2024)),
                CloudEvents.headers(PlanItemEvent.TYPE_UPSERTED, id.toString()));
    }

    private TopicReader.Outgoing value(String month, String value, int revision, String recordedAt) throws Exception {
        var event = new MeasurementEvent(UUID.randomUUID(), indicator, null, null, "digital-talent", month,
                new BigDecimal(value), revision, null, null, "test", Instant.parse(recordedAt));
        return new TopicReader.Outgoing(indicator, SuiteEvents.json(event),
                CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, indicator));
    }

    private TopicReader.Outgoing measure(UUID id, Kind kind, UUID on, Status status, List<MeasureEvent.Milestone> milestones,
            long version, String changedAt) throws Exception {
        String code = kind == Kind.INITIATIVE ? "I.2.IMP1" : "I.2.(3-1).1";
        var event = new MeasureEvent(id, plan, 2024, code, kind, on, null, "①", null, code + " の本文", null,
                "digital-talent", 1, kind == Kind.INITIATIVE ? List.of("I.2.(3-1)") : List.of(), status, milestones,
                false, version, "someone@test", Instant.parse(changedAt));
        return new TopicReader.Outgoing(id.toString(), SuiteEvents.json(event),
                CloudEvents.headers(MeasureEvent.TYPE_UPSERTED, id.toString()));
    }

    private TopicReader.Outgoing commentary(int revision, String problems, String recordedAt) throws Exception {
        var event = new CommentaryEvent(measure, plan, 2024, "I.2.(3-1).1", "digital-talent",
                CommentaryEvent.ReviewPeriod.H1, revision, "準備を進めた", problems, "会場を契約する",
                List.of("https://www.ipa.go.jp/shiken/"), null, "someone@test", Instant.parse(recordedAt));
        return new TopicReader.Outgoing(measure.toString(), SuiteEvents.json(event),
                CloudEvents.headers(CommentaryEvent.TYPE_RECORDED, measure.toString()));
    }
}
