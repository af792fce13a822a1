package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class MeasurementResourceTest {

    private String code;

    /** Publishes an indicator the way indicator-service does and waits until ingestion accepts values for it. */
    @BeforeEach
    void indicatorKnownFromKafka() throws Exception {
        code = Codes.unique("manabi");
        var indicator = TestIndicators.manabi(code, true, "300000");
        KnownIndicator.publish(indicator, value("2024-04", "1000", null));
    }

    @Test
    void valueIsStoredAndPublishedWithItsRevision() throws Exception {
        String id = given().contentType(ContentType.JSON).body(value("2024-05", "25000.50", null))
                .post("/api/v1/measurements").then().statusCode(201)
                .body("outcome", equalTo("CREATED"))
                .body("revision", equalTo(1))
                .body("value", equalTo(25000.5f))
                .extract().path("id");

        var record = SuiteEvents.awaitRecord(Topics.MEASUREMENTS,
                r -> r.value().contains(id), Duration.ofSeconds(20));
        assertThat(record.key()).isEqualTo(code);
        MeasurementEvent event = SuiteEvents.read(record.value(), MeasurementEvent.class);
        assertThat(event.value()).isEqualByComparingTo("25000.5");
        assertThat(event.month()).isEqualTo("2024-05");
        assertThat(event.revision()).isEqualTo(1);
    }

    @Test
    void sameValueIsUnchangedAndADifferentOneIsACorrectionWithAReason() {
        given().contentType(ContentType.JSON).body(value("2024-06", "100", null))
                .post("/api/v1/measurements").then().statusCode(201);
        String id = given().contentType(ContentType.JSON).body(value("2024-06", "100.000", null))
                .post("/api/v1/measurements").then().statusCode(200)
                .body("outcome", equalTo("UNCHANGED")).body("revision", equalTo(1))
                .extract().path("id");

        given().contentType(ContentType.JSON).body(value("2024-06", "120", null))
                .post("/api/v1/measurements").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason"));

        given().contentType(ContentType.JSON).body(value("2024-06", "120", "\"portal log recount\""))
                .post("/api/v1/measurements").then().statusCode(201)
                .body("outcome", equalTo("CORRECTED")).body("revision", equalTo(2));

        given().get("/api/v1/measurements/{id}/history", id).then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].value", equalTo(100)).body("[1].value", equalTo(120))
                .body("[1].reason", equalTo("portal log recount"));
        given().queryParam("indicatorCode", code).queryParam("fiscalYear", 2024).get("/api/v1/measurements")
                .then().statusCode(200)
                .body("find { it.month == '2024-06' }.value", equalTo(120));
    }

    @Test
    void badSubmissionsAreProblemsNamingTheField() {
        expectProblem(value("2024-07", "1", null).replace(code, "no-such-indicator"), 422, "indicatorCode");
        expectProblem(value("2024-07", "1", null).replace("digital-talent", "security"), 422, "department");
        expectProblem(value("2024-13", "1", null), 400, "month");
        expectProblem(value("2023-07", "1", null), 422, "month");
        expectProblem(value("2099-01", "1", null), 422, "month");
        expectProblem(value("2024-07", "\"many\"", null), 400, "value");
        expectProblem("{\"indicatorCode\":\"%s\",\"department\":\"digital-talent\",\"month\":\"2024-07\"}"
                .formatted(code), 400, "value");
        expectProblem("{not json", 400, "body");
    }

    private void expectProblem(String json, int status, String field) {
        given().contentType(ContentType.JSON).body(json).post("/api/v1/measurements").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("violations[0].field", equalTo(field));
    }

    private String value(String month, String value, String reason) {
        return """
                {"indicatorCode":"%s","department":"digital-talent","month":"%s","value":%s,"reason":%s}
                """.formatted(code, month, value, reason);
    }

}
