package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The batch and period operations are documented, with a CSV example and problem+json answers. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiDocsTest {

    @Test
    void batchAndPeriodOperationsAreDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/measurements/batch"))
                .body(containsString("text/csv"))
                .body(containsString("indicatorCode,component,breakdown,department,month,value,note,reason"))
                .body(containsString("ImportProblem"))
                .body(containsString("/api/v1/periods/close"))
                .body(containsString("/api/v1/periods/reopen"));
    }
}
