package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator of indicator-service watches: its replica of plan items and its outbox. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OperationsMetricsTest {

    @Test
    void aConsumedPlanItemAndAPublishedIndicatorShowInTheMetrics() throws Exception {
        String before = metrics();
        // Publishes a plan item, then defines an indicator on it once the replica has it.
        KnownPlanItem.publish();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = metrics();
            assertThat(value(after, "kpi_events_consumed_total", Topics.PLAN_ITEMS))
                    .isGreaterThan(baseline(before, "kpi_events_consumed_total", Topics.PLAN_ITEMS));
            assertThat(value(after, "kpi_projection_delay_seconds_count", Topics.PLAN_ITEMS))
                    .isGreaterThan(baseline(before, "kpi_projection_delay_seconds_count", Topics.PLAN_ITEMS));
            assertThat(PrometheusText.value(after, "kpi_outbox_published_total", Map.of()))
                    .isGreaterThan(PrometheusText.value(before, "kpi_outbox_published_total", Map.of()));
            assertThat(PrometheusText.has(after, "kafka_consumer_fetch_manager_records_lag_max")).isTrue();
        });
    }

    private static double value(String metrics, String name, String topic) {
        return PrometheusText.value(metrics, name, Map.of("topic", topic));
    }

    private static double baseline(String metrics, String name, String topic) {
        return PrometheusText.baseline(metrics, name, Map.of("topic", topic));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
