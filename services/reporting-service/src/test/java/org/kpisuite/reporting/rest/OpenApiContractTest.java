package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.OpenApiContractCheck;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Real answers of every GET, rows with values and rows without, against the document served at /q/openapi. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiContractTest extends OpenApiContractCheck {

    @Override
    protected void answers(OpenApiContract contract) throws Exception {
        // One indicator with a value, one without any: the second has nulls where the first has numbers.
        String prefix = Codes.unique("oas");
        String reported = prefix + "-a";
        SuiteEvents.indicator(indicator(reported));
        SuiteEvents.indicator(indicator(prefix + "-b"));
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(),
                reported, null, null, "digital-talent", "2024-05", new BigDecimal("120"), 1, null, null, "test",
                Instant.parse("2024-06-07T01:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("asOf", "2025-05-31").get("/api/v1/progress").jsonPath()
                .getList("findAll { it.indicatorCode.startsWith('" + prefix + "') && it.actual != null }").size() == 1);

        contract.get("/api/v1/progress", given().queryParam("fiscalYear", 2024));
        contract.get("/api/v1/progress", given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31"));
        contract.get("/api/v1/progress/rollups", given().queryParam("fiscalYear", 2024));
        for (String code : List.of(reported, prefix + "-b")) {
            contract.get("/api/v1/progress/{indicatorCode}", given().pathParam("indicatorCode", code)
                    .queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31"));
            contract.get("/api/v1/progress/{indicatorCode}/series", given().pathParam("indicatorCode", code)
                    .queryParam("fiscalYear", 2024).queryParam("asOf", "2024-09-30"));
        }
        contract.get("/api/v1/completeness", given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31"));
        contract.get("/api/v1/exports/facts", given().queryParam("indicatorCode", reported));
        contract.get("/api/v1/exports/progress", given().queryParam("fiscalYear", 2024));
        contract.get("/api/v1/admin/rebuild", given());
        String plan = planWithAMeasure(prefix);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"name\":\"H1\",\"fiscalYear\":2024,\"planCode\":\"" + plan + "\",\"asOf\":\"2024-09-30\"}")
                .put("/api/v1/reviews/{code}", prefix).then().statusCode(201);
        contract.get("/api/v1/plan-tree", given().queryParam("fiscalYear", 2024).queryParam("planCode", plan));
        contract.get("/api/v1/plan-tree", given().queryParam("fiscalYear", 2024).queryParam("planCode", plan)
                .queryParam("asOf", "2024-09-30"));
        contract.get("/api/v1/reviews", given().queryParam("planCode", plan));
        contract.get("/api/v1/reviews/{code}", given().pathParam("code", prefix));
        contract.get("/api/v1/reviews/compare", given().queryParam("from", prefix).queryParam("to", prefix));
        contract.get("/api/v1/exports/plan", given().queryParam("review", prefix));
        contract.get("/api/v1/exports/plan", given().queryParam("fiscalYear", 2024).queryParam("planCode", plan));
        // Problems are answers too.
        contract.get("/api/v1/progress", given());
        contract.get("/api/v1/progress/{indicatorCode}", given().pathParam("indicatorCode", "no-such")
                .queryParam("fiscalYear", 2024));
        contract.get("/api/v1/progress", given().spec(Tokens.anonymous())
                .queryParam("fiscalYear", 2024));
    }

    private static IndicatorEvent indicator(String code) {
        return TestIndicators.manabi(code, false, "300");
    }

    /** A plan of one chapter with a measure that has a milestone and commentary, once reporting shows it. */
    private String planWithAMeasure(String prefix) {
        String plan = prefix.toUpperCase();
        UUID chapter = UUID.randomUUID();
        UUID measure = UUID.randomUUID();
        Instant april = Instant.parse("2024-04-01T00:00:00Z");
        SuiteEvents.publish(Topics.PLAN_ITEMS, chapter.toString(), org.kpisuite.events.PlanItemEvent.TYPE_UPSERTED,
                new org.kpisuite.events.PlanItemEvent(chapter, plan, "I", null, "第一章", null, 1, true, false, 1, april));
        SuiteEvents.publish(Topics.PLAN_EXECUTION, measure.toString(), org.kpisuite.events.MeasureEvent.TYPE_UPSERTED,
                new org.kpisuite.events.MeasureEvent(measure, plan, 2024, "I.1", org.kpisuite.events.MeasureEvent.Kind.MEASURE,
                        chapter, null, "①", null, "施策の本文", null, "digital-talent", 1, List.of(),
                        org.kpisuite.events.MeasureEvent.Status.ON_TRACK, List.of(new org.kpisuite.events.MeasureEvent.Milestone(
                                UUID.randomUUID(), "I.1.M1", "成果物", null, java.time.LocalDate.of(2024, 8, 31), null, null)),
                        false, 1, "test", april));
        SuiteEvents.publish(Topics.PLAN_EXECUTION, measure.toString(), org.kpisuite.events.CommentaryEvent.TYPE_RECORDED,
                new org.kpisuite.events.CommentaryEvent(measure, plan, 2024, "I.1", "digital-talent",
                        org.kpisuite.events.CommentaryEvent.ReviewPeriod.H1, 1, "実施した", null, null, List.of(), null,
                        "test", april));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("planCode", plan).get("/api/v1/plan-tree").statusCode() == 200);
        return plan;
    }
}
