package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
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

        UUID planItem = KnownPlanItem.publish(bootstrapServers, mapper);
        String code = "oas-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("""
                {"code":"%s","nameJa":"試験","unit":"cases","department":"digital-talent","planItemId":"%s",
                 "aggregation":"SUM","targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":300}]}"""
                .formatted(code, planItem)).post("/api/v1/indicators").then().statusCode(201);

        contract.get("/api/v1/indicators", given());
        contract.get("/api/v1/indicators", given().queryParam("fiscalYear", 2024));
        contract.get("/api/v1/indicators/{code}", given().pathParam("code", code));
        contract.get("/api/v1/indicators/{code}/versions", given().pathParam("code", code));
        // Problems are answers too.
        contract.get("/api/v1/indicators", given().queryParam("fiscalYear", "FY2024"));
        contract.get("/api/v1/indicators/{code}", given().pathParam("code", "no-such"));
        contract.get("/api/v1/indicators", given().spec(Tokens.anonymous()));
        contract.assertNoFaults();
    }
}
