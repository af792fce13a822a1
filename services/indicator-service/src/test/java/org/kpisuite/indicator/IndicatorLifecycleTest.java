package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Versions, idempotent definitions, exact targets and retirement, through the HTTP API. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class IndicatorLifecycleTest {

    private UUID planItemId;
    private String code;

    @BeforeEach
    void planItem() throws Exception {
        planItemId = KnownPlanItem.publish();
        code = Codes.unique("natsec");
    }

    @Test
    void puttingTheSameDefinitionTwiceChangesNothing() {
        put(ratio("2/3")).then().statusCode(201).header("X-Outcome", "CREATED")
                .body("targets[0].value", equalTo(0.666667f))
                .body("targets[0].valueNumerator", equalTo(2))
                .body("targets[0].valueDenominator", equalTo(3))
                .body("components", equalTo(java.util.List.of("numerator", "denominator")));
        put(ratio("2/3")).then().statusCode(200).header("X-Outcome", "UNCHANGED").body("version", equalTo(1));
        put(ratio("3/4")).then().statusCode(200).header("X-Outcome", "CHANGED").body("version", equalTo(2));

        given().get("/api/v1/indicators/{code}/versions", code).then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].targets[0].valueNumerator", equalTo(2))
                .body("[1].targets[0].valueNumerator", equalTo(3));
    }

    @Test
    void retiredIndicatorStaysListedForTheYearsItWasActive() {
        put(ratio("2/3")).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"lastFiscalYear\":2024}")
                .post("/api/v1/indicators/{code}/retire", code).then().statusCode(200)
                .body("retired", equalTo(true)).body("lastFiscalYear", equalTo(2024)).body("version", equalTo(2));
        // Sent again: the same retirement, no new version.
        given().contentType(ContentType.JSON).body("{\"lastFiscalYear\":2024}")
                .post("/api/v1/indicators/{code}/retire", code).then().statusCode(200)
                .body("retired", equalTo(true)).body("version", equalTo(2));
        given().get("/api/v1/indicators/{code}/versions", code).then().statusCode(200).body("$", hasSize(2));

        given().queryParam("fiscalYear", 2024).get("/api/v1/indicators").then().body("code", hasItem(code));
        given().queryParam("fiscalYear", 2025).get("/api/v1/indicators").then().body("code", not(hasItem(code)));
        given().contentType(ContentType.JSON)
                .body("{\"fiscalYear\":2025,\"comparator\":\"AT_LEAST\",\"fraction\":\"2/3\"}")
                .put("/api/v1/indicators/{code}/targets/2025", code).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fiscalYear"));
    }

    @Test
    void aYearOutOfRangeInPathAndBodyIsNamedOnce() {
        put(ratio("2/3")).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"fiscalYear\":2101,\"comparator\":\"AT_LEAST\",\"fraction\":\"2/3\"}")
                .put("/api/v1/indicators/{code}/targets/2101", code).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("fiscalYear"));
        // Only the path's year out of range: the body's differs from it, named once too.
        given().contentType(ContentType.JSON).body("{\"fiscalYear\":2024,\"comparator\":\"AT_LEAST\",\"fraction\":\"2/3\"}")
                .put("/api/v1/indicators/{code}/targets/2101", code).then().statusCode(422)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("fiscalYear"));
        given().get("/api/v1/indicators/{code}/versions", code).then().statusCode(200).body("$", hasSize(1));
        // The contract still says which years the path takes.
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/indicators/{code}/targets/{fiscalYear}'.put.parameters"
                        + ".find { it.name == 'fiscalYear' }.schema.maximum", equalTo(2100));
    }

    @Test
    void aBlankOrMalformedPathSegmentIsA400NamingIt() {
        put(ratio("2/3")).then().statusCode(201);
        // A blank year in the path is no year: a 400 naming it, not a failure of the server.
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"fiscalYear\":2024,\"comparator\":\"AT_LEAST\",\"fraction\":\"2/3\"}")
                .put("/api/v1/indicators/" + code + "/targets/%20").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fiscalYear"));
        given().urlEncodingEnabled(false).get("/api/v1/budgets/%09").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fiscalYear"));
        // A version is a whole number too (a long).
        for (String version : new String[] { "%20", "x", "99999999999999999999" }) {
            given().urlEncodingEnabled(false).get("/api/v1/budgets/2024/versions/" + version).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("version"));
        }
    }

    @Test
    void ruleViolationsAreListedByField() {
        String body = """
                {"code":"%s","nameJa":"満足度","unit":"ratio","department":"security","planItemId":"%s",
                 "aggregation":"RATIO","components":["numerator"],
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","fraction":"2/3","scope":"CUMULATIVE","sinceFiscalYear":2023}]}
                """.formatted(code, planItemId);
        given().contentType(ContentType.JSON).body(body).put("/api/v1/indicators/{code}", code).then()
                .statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("components"))
                .body("violations.field", hasItem("targets[0].scope"));
    }

    private io.restassured.response.Response put(String body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/indicators/{code}", code);
    }

    private String ratio(String fraction) {
        return """
                {"code":"%s","nameJa":"国の安全保障の確保への貢献","nameEn":"National security satisfaction",
                 "unit":"ratio","department":"security","planItemId":"%s","coreTarget":true,"aggregation":"RATIO",
                 "components":["numerator","denominator"],
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","fraction":"%s"}]}
                """.formatted(code, planItemId, fraction);
    }
}
