package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.kpisuite.testing.Codes;
import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.OpenApiContractCheck;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Measurements and closed periods: every GET, with a value, a correction and two closures, and its problems. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiContractTest extends OpenApiContractCheck {

    @Override
    protected void answers(OpenApiContract contract) throws Exception {
        String code = Codes.unique("oas");
        KnownIndicator.publish(TestIndicators.sum(code, "試験", "Test",
                "cases", "digital-talent", true, "300"), value(code, "2024-04", "10", null));
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
    }

    private static String value(String code, String month, String value, String reason) {
        return """
                {"indicatorCode":"%s","department":"digital-talent","month":"%s","value":%s,"reason":%s}
                """.formatted(code, month, value, reason);
    }
}
