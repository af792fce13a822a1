package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.testing.SuiteEvents;

import io.restassured.http.ContentType;

/** An indicator published the way indicator-service does, once ingestion accepts values for it. */
final class KnownIndicator {

    private KnownIndicator() {
    }

    /** Publishes the indicator, then waits until {@code firstValue} is accepted (the replica has it). */
    static void publish(IndicatorEvent indicator, String firstValue) {
        SuiteEvents.indicator(indicator);
        await().atMost(SuiteEvents.WAIT).until(() -> given().contentType(ContentType.JSON).body(firstValue)
                .post("/api/v1/measurements").statusCode() == 201);
    }
}
