package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/** An indicator published the way indicator-service does, once ingestion accepts values for it. */
final class KnownIndicator {

    private KnownIndicator() {
    }

    /** Publishes the indicator, then waits until {@code firstValue} is accepted (the replica has it). */
    static void publish(String bootstrapServers, ObjectMapper mapper, IndicatorEvent indicator, String firstValue)
            throws Exception {
        TopicReader.send(bootstrapServers, Topics.INDICATORS, indicator.code(), mapper.writeValueAsString(indicator),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, indicator.code()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON).body(firstValue)
                .post("/api/v1/measurements").statusCode() == 201);
    }
}
