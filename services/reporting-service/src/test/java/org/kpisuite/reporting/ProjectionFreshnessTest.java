package org.kpisuite.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** How fresh the read model is, and the trace of the request that produced an event, as an operator sees them. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ProjectionFreshnessTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void anAppliedMeasurementIsMeasuredForFreshnessAndTracedToItsProducer() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        double before = PrometheusText.baseline(metrics(), "kpi_projection_delay_seconds_count",
                Map.of("topic", Topics.MEASUREMENTS));

        String code = Codes.unique("fresh");
        // Recorded a minute ago, e.g. while reporting was down.
        Instant recorded = Instant.now().minusSeconds(60);
        String event = """
                {"measurementId":"%s","indicatorCode":"%s","department":"digital-talent","month":"2024-05",
                 "value":5,"revision":1,"recordedBy":"test","recordedAt":"%s"}
                """.formatted(UUID.randomUUID(), code, recorded);
        Map<String, String> headers = new HashMap<>(CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, code));
        headers.put(CloudEventHeaders.TIME, recorded.toString());
        headers.put("traceparent", "00-" + traceId + "-" + parentSpan + "-01");
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, code, event, headers);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(PrometheusText.value(metrics, "kpi_projection_delay_seconds_count",
                    Map.of("topic", Topics.MEASUREMENTS))).isEqualTo(before + 1);
            assertThat(PrometheusText.value(metrics, "kpi_projection_delay_seconds_sum",
                    Map.of("topic", Topics.MEASUREMENTS))).isGreaterThanOrEqualTo(60);
            assertThat(PrometheusText.value(metrics, "kpi_projection_last_event_age_seconds",
                    Map.of("topic", Topics.MEASUREMENTS))).isGreaterThanOrEqualTo(0);
            assertThat(PrometheusText.has(metrics, "kafka_consumer_fetch_manager_records_lag_max")).isTrue();
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getParentSpanId()).isEqualTo(parentSpan);
                    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(span.getName()).isEqualTo(Topics.MEASUREMENTS + " process");
                }));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
