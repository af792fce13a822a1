package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class CompletenessResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void missingAndLateMonthsOfAFlowIndicator() throws Exception {
        String code = "articles-" + UUID.randomUUID().toString().substring(0, 8);
        var indicator = new IndicatorEvent(code, "ウェブ記事数", "Web articles", "articles", "public-relations",
                UUID.randomUUID(), false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("2500"))),
                false, 1, Instant.now());
        TopicReader.send(bootstrapServers, Topics.INDICATORS, code, mapper.writeValueAsString(indicator),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
        // April on time (deadline 14 May, Japan time), May late (deadline 14 June), June missing.
        value(code, "2024-04", "2024-05-10T03:00:00Z");
        value(code, "2024-05", "2024-06-20T03:00:00Z");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("asOf", "2024-07-31").get("/api/v1/completeness").then().statusCode(200)
                .body("size()", equalTo(4))
                .body("[0].month", equalTo("2024-04"))
                .body("[0].deadline", equalTo("2024-05-14"))
                .body("[0].missing.indicatorCode", not(hasItem(code)))
                .body("[0].late.indicatorCode", not(hasItem(code)))
                .body("[1].late.indicatorCode", hasItem(code))
                .body("[2].missing.indicatorCode", hasItem(code)));

        given().queryParam("fiscalYear", 2024).queryParam("asOf", "31/07/2024").get("/api/v1/completeness").then()
                .statusCode(400).body("violations[0].field", equalTo("asOf"));
    }

    private void value(String code, String month, String recordedAt) throws Exception {
        var m = new MeasurementEvent(UUID.randomUUID(), code, null, null, "public-relations", month, BigDecimal.TEN, 1,
                null, null, "test", Instant.parse(recordedAt));
        TopicReader.send(bootstrapServers, Topics.MEASUREMENTS, code, mapper.writeValueAsString(m),
                CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, code));
    }
}
