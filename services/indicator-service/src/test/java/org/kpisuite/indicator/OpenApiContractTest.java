package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.kpisuite.testing.Codes;
import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.OpenApiContractCheck;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The indicators: every GET, with an indicator defined through the API, and its problems, against /q/openapi. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiContractTest extends OpenApiContractCheck {

    @Override
    protected void answers(OpenApiContract contract) throws Exception {
        UUID planItem = KnownPlanItem.publish();
        String code = Codes.unique("oas");
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
    }
}
