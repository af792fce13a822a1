package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class CompletenessResourceTest {

    @Test
    void missingAndLateMonthsOfAFlowIndicator() throws Exception {
        String code = Codes.unique("articles");
        var indicator = TestIndicators.sum(code, "ウェブ記事数", "Web articles",
                "articles", "public-relations", false, "2500");
        SuiteEvents.indicator(indicator);
        // April on time (deadline 16 May, Japan time: 3–6 May are closed), May late (deadline 14 June), June missing.
        value(code, "2024-04", "2024-05-10T03:00:00Z");
        value(code, "2024-05", "2024-06-20T03:00:00Z");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("asOf", "2024-07-31").get("/api/v1/completeness").then().statusCode(200)
                .body("size()", equalTo(4))
                .body("[0].month", equalTo("2024-04"))
                .body("[0].deadline", equalTo("2024-05-16"))
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
        SuiteEvents.measurement(m);
    }
}
