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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorStatusEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Status changes go out on kpi.indicator-status.v1; a rebuild from the topics gives the same progress. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class StatusAndRebuildTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void reachingTheTargetPublishesAStatusChange() throws Exception {
        String code = "partner-" + UUID.randomUUID().toString().substring(0, 8);
        publishIndicator(code, "10");
        var noData = awaitStatus(code, null);
        assertThat(noData.status()).isEqualTo("NO_DATA");

        publishValue(code, "2024-06", "4");
        var first = awaitStatus(code, "NO_DATA");
        assertThat(first.status()).isEqualTo("OFF_TRACK");
        assertThat(first.actual()).isEqualByComparingTo("4");

        publishValue(code, "2024-07", "6");
        var achieved = awaitStatus(code, "OFF_TRACK");
        assertThat(achieved.status()).isEqualTo("ACHIEVED");
        assertThat(achieved.grade()).isEqualTo("B");
        assertThat(achieved.fiscalYear()).isEqualTo(2024);
    }

    @Test
    void rebuildingFromTheTopicsGivesTheSameProgress() throws Exception {
        String code = "ics-" + UUID.randomUUID().toString().substring(0, 8);
        publishIndicator(code, "360");
        publishValue(code, "2024-05", "100");
        publishValue(code, "2024-08", "200");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> progress(code).body("actual", equalTo(300)));
        String before = progress(code).extract().asString();

        given().post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(progress(code).extract().asString())
                .isEqualTo(before));
    }

    private io.restassured.response.ValidatableResponse progress(String code) {
        return given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31")
                .get("/api/v1/progress/{code}", code).then().statusCode(200);
    }

    /** The status event of this indicator that follows {@code previous} (null: the first one). */
    private IndicatorStatusEvent awaitStatus(String code, String previous) throws Exception {
        var record = TopicReader.awaitRecord(bootstrapServers, Topics.INDICATOR_STATUS, r -> {
            if (!code.equals(r.key()) || !IndicatorStatusEvent.TYPE_CHANGED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))) {
                return false;
            }
            try {
                var event = mapper.readValue(r.value(), IndicatorStatusEvent.class);
                return previous == null ? event.previousStatus() == null : previous.equals(event.previousStatus());
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30));
        return mapper.readValue(record.value(), IndicatorStatusEvent.class);
    }

    private void publishIndicator(String code, String target) throws Exception {
        var indicator = new IndicatorEvent(code, "連携した組織", "Partner organisations", "organisations", "security",
                UUID.randomUUID(), false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal(target))),
                false, 1, Instant.now());
        TopicReader.send(bootstrapServers, Topics.INDICATORS, code, mapper.writeValueAsString(indicator),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
    }

    private void publishValue(String code, String month, String value) throws Exception {
        var m = new MeasurementEvent(UUID.randomUUID(), code, null, null, "security", month, new BigDecimal(value), 1,
                null, null, "test", Instant.parse("2024-09-01T00:00:00Z"));
        TopicReader.send(bootstrapServers, Topics.MEASUREMENTS, code, mapper.writeValueAsString(m),
                CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, code));
    }
}
