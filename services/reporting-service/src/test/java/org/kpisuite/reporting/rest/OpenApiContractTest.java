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

    private void publish(String topic, String key, String type, Object event) throws Exception {
        TopicReader.send(bootstrapServers, topic, key, mapper.writeValueAsString(event), CloudEvents.headers(type, key));
    }
}
