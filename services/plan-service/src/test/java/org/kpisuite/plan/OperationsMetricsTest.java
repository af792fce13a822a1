package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kpisuite.plan.PlanFixtures.createItem;
import static org.kpisuite.plan.PlanFixtures.createPlan;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator of plan-service watches: the outbox draining to Kafka, and readiness. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OperationsMetricsTest {

    @Test
    void aPlanItemsEventLeavesTheOutboxAndTheBacklogIsBackToZero() {
        double before = PrometheusText.value(metrics(), "kpi_outbox_published_total", Map.of());
        String plan = createPlan(randomPlanCode());
        createItem(plan, "I", null, 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(PrometheusText.value(metrics, "kpi_outbox_published_total", Map.of())).isGreaterThan(before);
            // The gauges are read from the table at most every 10 s.
            assertThat(PrometheusText.value(metrics, "kpi_outbox_backlog", Map.of())).isZero();
            assertThat(PrometheusText.value(metrics, "kpi_outbox_oldest_age_seconds", Map.of())).isZero();
        });
    }

    @Test
    void readyWithTheDatabaseKafkaAndTheRelayUp() {
        given().get("/q/health/ready").then().statusCode(200);
        String body = given().get("/q/health/ready").asString();
        assertThat(body).contains("Database connections health check", "Kafka connection health check",
                "Outbox relay");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
