package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** A closed month refuses values (409, or a rejected batch row) until it is reopened. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PeriodClosureTest extends OwnIndicatorTests {

    @Test
    void closedMonthRefusesValuesUntilReopened() {
        String scope = "{\"month\":\"2023-05\",\"indicatorCode\":\"%s\",\"department\":null}".formatted(code);
        period("close", scope).statusCode(201).body("month", equalTo("2023-05")).body("fiscalYear", equalTo(2023))
                .body("indicatorCode", equalTo(code));
        period("close", scope).statusCode(200);

        submit(BatchIndicators.row(code, null, "2023-05", "7", null)).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("2023-05 is closed for indicator " + code))
                .body("violations[0].field", equalTo("month"));
        submit(BatchIndicators.row(code, null, "2023-06", "7", null)).statusCode(201);
        given().contentType(ContentType.JSON).body(BatchIndicators.batch("ROW_BY_ROW", false, List.of(
                BatchIndicators.row(code, null, "2023-05", "7", null),
                BatchIndicators.row(code, null, "2023-07", "7", null))))
                .post("/api/v1/measurements/batch").then().statusCode(200)
                .body("created", equalTo(1)).body("rejections[0].row", equalTo(1))
                .body("rejections[0].field", equalTo("month"))
                .body("rejections[0].reason", containsString("is closed"));

        given().queryParam("fiscalYear", 2023).get("/api/v1/periods").then().statusCode(200)
                .body("indicatorCode", hasItem(code));

        period("reopen", scope).statusCode(200).body("month", equalTo("2023-05"));
        period("reopen", scope).statusCode(404).contentType("application/problem+json");
        submit(BatchIndicators.row(code, null, "2023-05", "7", null)).statusCode(201);
        given().queryParam("fiscalYear", 2023).get("/api/v1/periods").then().statusCode(200)
                .body("indicatorCode", not(hasItem(code)));
    }

    @Test
    void aClosureOfADepartmentCoversItsIndicators() {
        String scope = "{\"month\":\"2022-11\",\"department\":\"digital-talent\"}";
        period("close", scope).statusCode(201);
        try {
            submit(BatchIndicators.row(code, null, "2022-11", "1", null)).statusCode(409)
                    .body("detail", equalTo("2022-11 is closed for department digital-talent"));
        } finally {
            period("reopen", scope).statusCode(200);
        }
        submit(BatchIndicators.row(code, null, "2022-11", "1", null)).statusCode(201);
    }

    @Test
    void malformedRequestsAreProblems() {
        period("close", "{\"month\":\"2024-13\"}").statusCode(400).body("violations[0].field", equalTo("month"));
        given().queryParam("fiscalYear", "soon").get("/api/v1/periods").then().statusCode(400)
                .body("violations[0].field", equalTo("fiscalYear"));
    }

    private static ValidatableResponse period(String action, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/periods/" + action).then();
    }

    private static ValidatableResponse submit(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/measurements").then();
    }
}
