package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;
import org.kpisuite.testing.TopicReader;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What an operator sees of ingestion: business metrics, readiness, and traces carried across Kafka. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ObservabilityTest {

    @Inject
    InMemorySpanExporter spans;

    private String code;
    /** The trace of the (pretend) indicator-service request that defined the indicator. */
    private String indicatorTraceId;
    private String indicatorSpanId;

    @BeforeEach
    void indicatorPublishedWithinATrace() throws Exception {
        code = Codes.unique("obs");
        indicatorTraceId = hex(32);
        indicatorSpanId = hex(16);
        var indicator = TestIndicators.sum(code, "観測", "Observed", "cases", "digital-talent", false, "10");
        Map<String, String> headers = new HashMap<>(CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
        headers.put("traceparent", "00-" + indicatorTraceId + "-" + indicatorSpanId + "-01");
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.INDICATORS, code, SuiteEvents.json(indicator), headers);
        await().atMost(Duration.ofSeconds(30)).until(() -> submit(value("2024-04", "1")).statusCode() == 201);
    }

    @Test
    void acceptedValuesAreCountedByOutcomeAndRejectedOnesByRule() {
        String before = metrics();

        submit(value("2024-05", "5")).then().statusCode(201);
        submit(value("2024-05", "5")).then().statusCode(200);
        submit(value("2024-05", "5").replace(code, "no-such-indicator")).then().statusCode(422);
        submit(value("2024-13", "5")).then().statusCode(400);
        String batch = "indicatorCode,department,month,value\n" + code + ",digital-talent,2024-06,6\n"
                + code + ",digital-talent,2099-01,7\n";
        given().contentType("text/csv").body(batch).queryParam("mode", "ROW_BY_ROW")
                .post("/api/v1/measurements/batch").then().statusCode(200);
        // A dry run stores nothing and counts nothing.
        given().contentType("text/csv").body(batch.replace("2024-06", "2024-07")).queryParam("dryRun", "true")
                .post("/api/v1/measurements/batch").then().statusCode(200);

        String after = metrics();
        assertThat(delta(before, after, "kpi_measurements_accepted_total", "outcome", "created")).isEqualTo(2);
        assertThat(delta(before, after, "kpi_measurements_accepted_total", "outcome", "unchanged")).isEqualTo(1);
        assertThat(delta(before, after, "kpi_measurements_accepted_total", "outcome", "corrected")).isZero();
        assertThat(delta(before, after, "kpi_measurements_rejected_total", "reason", "unknown_indicator")).isEqualTo(1);
        assertThat(delta(before, after, "kpi_measurements_rejected_total", "reason", "malformed")).isEqualTo(1);
        assertThat(delta(before, after, "kpi_measurements_rejected_total", "reason", "future_month")).isEqualTo(1);
    }

    @Test
    void outboxBacklogConsumerLagAndFreshnessAreExposed() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(PrometheusText.has(metrics, "kpi_outbox_backlog")).isTrue();
            assertThat(PrometheusText.has(metrics, "kpi_outbox_oldest_age_seconds")).isTrue();
            assertThat(PrometheusText.value(metrics, "kpi_outbox_published_total", Map.of())).isPositive();
            assertThat(PrometheusText.has(metrics, "kafka_consumer_fetch_manager_records_lag_max")).isTrue();
            assertThat(PrometheusText.value(metrics, "kpi_projection_delay_seconds_count",
                    Map.of("topic", Topics.INDICATORS))).isPositive();
            assertThat(PrometheusText.has(metrics, "kpi_projection_last_event_age_seconds")).isTrue();
        });
    }

    @Test
    void readinessCoversTheDatabaseKafkaAndTheOutboxRelay() {
        String body = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(body).contains("\"status\": \"UP\"")
                .contains("Database connections health check")
                .contains("Kafka connection health check")
                .contains("Outbox relay");
    }

    @Test
    void theRequestsTraceTravelsThroughTheOutboxToTheKafkaRecord() {
        String traceId = hex(32);
        String id = given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-" + hex(16) + "-01")
                .body(value("2024-08", "8")).post("/api/v1/measurements").then().statusCode(201)
                .extract().path("id");

        var record = SuiteEvents.awaitRecord(Topics.MEASUREMENTS, r -> r.value().contains(id),
                Duration.ofSeconds(20));
        String traceParent = TopicReader.header(record, "traceparent");
        assertThat(traceParent).isNotNull();
        assertThat(traceParent.split("-")[1]).isEqualTo(traceId);
    }

    @Test
    void aConsumedEventIsProcessedInAChildSpanOfItsProducer() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            SpanData span = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(indicatorTraceId) && s.getKind() == SpanKind.CONSUMER
                            && s.getName().equals(Topics.INDICATORS + " process"))
                    .findFirst().orElseThrow(() -> new AssertionError("no consumer span in trace " + indicatorTraceId));
            assertThat(span.getParentSpanId()).isEqualTo(indicatorSpanId);
        });
    }

    private static double delta(String before, String after, String name, String label, String value) {
        return PrometheusText.value(after, name, Map.of(label, value))
                - PrometheusText.baseline(before, name, Map.of(label, value));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static io.restassured.response.Response submit(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/measurements");
    }

    private String value(String month, String value) {
        return """
                {"indicatorCode":"%s","department":"digital-talent","month":"%s","value":%s}
                """.formatted(code, month, value);
    }

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").concat(UUID.randomUUID().toString().replace("-", ""))
                .substring(0, length);
    }
}
