package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Real answers of every GET, and of its problems, against the document served at /q/openapi. */
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

        String code = "oas-" + UUID.randomUUID().toString().substring(0, 8);
        KnownIndicator.publish(bootstrapServers, mapper, new IndicatorEvent(code, "試験", "Test", "cases",
                "digital-talent", UUID.randomUUID(), true, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("300"))),
                false, 1, Instant.now()), value(code, "2024-04", "10", null));
        String id = given().contentType(ContentType.JSON).body(value(code, "2024-04", "12", "\"recount\""))
                .post("/api/v1/measurements").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("""
                {"month":"2024-04","indicatorCode":"%s","department":"digital-talent"}""".formatted(code))
                .post("/api/v1/periods/close").then().statusCode(201);
        // And one for every department of the indicator: its department is null in the answer.
        given().contentType(ContentType.JSON).body("""
                {"month":"2024-05","indicatorCode":"%s"}""".formatted(code))
                .post("/api/v1/periods/close").then().statusCode(201);

        contract.get("/api/v1/measurements", given().queryParam("indicatorCode", code));
        contract.get("/api/v1/measurements",
                given().queryParam("indicatorCode", code).queryParam("fiscalYear", 2024));
        contract.get("/api/v1/measurements/{id}", given().pathParam("id", id));
        contract.get("/api/v1/measurements/{id}/history", given().pathParam("id", id));
        contract.get("/api/v1/periods", given());
        contract.get("/api/v1/periods", given().queryParam("fiscalYear", 2024));
        // Problems are answers too.
        contract.get("/api/v1/measurements", given());
        contract.get("/api/v1/measurements/{id}", given().pathParam("id", UUID.randomUUID()));
        contract.get("/api/v1/periods", given().spec(Tokens.anonymous()));
        contract.assertNoFaults();
    }

    private static String value(String code, String month, String value, String reason) {
        return """
                {"indicatorCode":"%s","department":"digital-talent","month":"%s","value":%s,"reason":%s}
                """.formatted(code, month, value, reason);
    }
}
