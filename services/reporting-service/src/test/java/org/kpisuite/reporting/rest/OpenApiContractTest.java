package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Real answers of every GET, rows with values and rows without, against the document served at /q/openapi. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiContractTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void theDocumentIsCompleteAndEveryGetAnswersAsItSays() throws Exception {
        OpenApiContract contract = OpenApiContract.served();

        // One indicator with a value, one without any: the second has nulls where the first has numbers.
        String prefix = "oas-" + UUID.randomUUID().toString().substring(0, 8);
        String reported = prefix + "-a";
        publish(Topics.INDICATORS, reported, IndicatorEvent.TYPE_DEFINED, indicator(reported));
        publish(Topics.INDICATORS, prefix + "-b", IndicatorEvent.TYPE_DEFINED, indicator(prefix + "-b"));
        publish(Topics.MEASUREMENTS, reported, MeasurementEvent.TYPE_RECORDED, new MeasurementEvent(UUID.randomUUID(),
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
        contract.assertNoFaults();
    }

    private static IndicatorEvent indicator(String code) {
        return new IndicatorEvent(code, "「マナビＤＸ」へのアクセス数", "Manabi DX accesses", "accesses", "digital-talent",
                UUID.randomUUID(), false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("300"))),
                false, 1, Instant.now());
    }

    /** A plan of one chapter with a measure that has a milestone and commentary, once reporting shows it. */
    private String planWithAMeasure(String prefix) throws Exception {
        String plan = prefix.toUpperCase();
        UUID chapter = UUID.randomUUID();
        UUID measure = UUID.randomUUID();
        Instant april = Instant.parse("2024-04-01T00:00:00Z");
        publish(Topics.PLAN_ITEMS, chapter.toString(), org.kpisuite.events.PlanItemEvent.TYPE_UPSERTED,
                new org.kpisuite.events.PlanItemEvent(chapter, plan, "I", null, "第一章", null, 1, true, false, 1, april));
        publish(Topics.PLAN_EXECUTION, measure.toString(), org.kpisuite.events.MeasureEvent.TYPE_UPSERTED,
                new org.kpisuite.events.MeasureEvent(measure, plan, 2024, "I.1", org.kpisuite.events.MeasureEvent.Kind.MEASURE,
                        chapter, null, "①", null, "施策の本文", null, "digital-talent", 1, List.of(),
                        org.kpisuite.events.MeasureEvent.Status.ON_TRACK, List.of(new org.kpisuite.events.MeasureEvent.Milestone(
                                UUID.randomUUID(), "I.1.M1", "成果物", null, java.time.LocalDate.of(2024, 8, 31), null, null)),
                        false, 1, "test", april));
        publish(Topics.PLAN_EXECUTION, measure.toString(), org.kpisuite.events.CommentaryEvent.TYPE_RECORDED,
                new org.kpisuite.events.CommentaryEvent(measure, plan, 2024, "I.1", "digital-talent",
                        org.kpisuite.events.CommentaryEvent.ReviewPeriod.H1, 1, "実施した", null, null, List.of(), null,
                        "test", april));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("planCode", plan).get("/api/v1/plan-tree").statusCode() == 200);
        return plan;
    }

    private void publish(String topic, String key, String type, Object event) throws Exception {
        TopicReader.send(bootstrapServers, topic, key, mapper.writeValueAsString(event), CloudEvents.headers(type, key));
    }
}
