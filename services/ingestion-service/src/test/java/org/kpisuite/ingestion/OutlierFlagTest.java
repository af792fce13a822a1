package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A value far from its own history is stored but flagged OUTLIER, in the answer and in its event. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OutlierFlagTest extends OwnIndicatorTests {

    private static final String[] HISTORY = { "100", "104", "98", "101", "97", "103" };

    @BeforeEach
    void indicatorWithSixMonths() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < HISTORY.length; i++) {
            rows.add(BatchIndicators.row(code, null, "2024-0" + (i + 1), HISTORY[i], null));
        }
        given().contentType(ContentType.JSON).body(BatchIndicators.batch("ATOMIC", false, rows))
                .post("/api/v1/measurements/batch").then().statusCode(200).body("created", equalTo(6))
                .body("flagged", empty());
    }

    @Test
    void singleSubmissionIsFlaggedButStored() throws Exception {
        String outlier = given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, "2024-07", "1000", null))
                .post("/api/v1/measurements").then().statusCode(201)
                .body("outcome", equalTo("CREATED")).body("flags", equalTo(List.of("OUTLIER"))).extract().path("id");
        String usual = given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, "2024-08", "102", null))
                .post("/api/v1/measurements").then().statusCode(201).body("flags", empty()).extract().path("id");

        assertThat(event(outlier).flags()).containsExactly(MeasurementEvent.FLAG_OUTLIER);
        assertThat(event(usual).flags()).isEmpty();
    }

    @Test
    void batchRowIsFlaggedButStored() throws Exception {
        given().contentType(ContentType.JSON).body(BatchIndicators.batch("ATOMIC", false, List.of(
                BatchIndicators.row(code, null, "2024-07", "99", null),
                BatchIndicators.row(code, null, "2024-08", "5", null))))
                .post("/api/v1/measurements/batch").then().statusCode(200)
                .body("created", equalTo(2))
                .body("flagged", hasSize(1)).body("flagged[0].row", equalTo(2))
                .body("flagged[0].reason", containsString("median"));

        assertThat(eventOf("2024-08").flags()).containsExactly(MeasurementEvent.FLAG_OUTLIER);
        assertThat(eventOf("2024-07").flags()).isEmpty();
    }

    /** The event of the revision with this id, as reporting reads it. */
    private MeasurementEvent event(String measurementId) throws Exception {
        var record = SuiteEvents.awaitRecord(Topics.MEASUREMENTS,
                r -> code.equals(r.key()) && r.value().contains(measurementId));
        return SuiteEvents.read(record.value(), MeasurementEvent.class);
    }

    /** The event of the month's revision (the outbox stores payloads as jsonb, so match on the parsed event). */
    private MeasurementEvent eventOf(String month) throws Exception {
        var record = SuiteEvents.awaitRecord(Topics.MEASUREMENTS,
                r -> code.equals(r.key()) && month.equals(read(r.value()).month()));
        return read(record.value());
    }

    private MeasurementEvent read(String json) {
        return SuiteEvents.read(json, MeasurementEvent.class);
    }

    @Test
    void fewerThanSixEarlierMonthsFlagNothing() {
        given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, "2024-03", "1000", "recount"))
                .post("/api/v1/measurements").then().statusCode(201).body("flags", empty());
    }
}
