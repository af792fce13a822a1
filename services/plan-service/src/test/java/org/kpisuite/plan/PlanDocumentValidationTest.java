package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** A rejected document names the offending field by its path and leaves nothing behind. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanDocumentValidationTest {

    private final String plan = randomPlanCode();

    @AfterEach
    void nothingWasStored() {
        given().get("/api/v1/plans/{code}", plan).then().statusCode(404);
    }

    @Test
    void missingNameIsNamedByItsPath() {
        put(document("""
                {"code":"I","nameJa":"一"},{"code":"II","nameJa":"二"},
                {"code":"III","nameJa":"三","items":[{"code":"III.1","nameEn":"no Japanese name"}]}
                """)).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(java.util.List.of("items[2].items[0].nameJa")))
                .body("detail", containsString("items[2].items[0].nameJa"));
    }

    @Test
    void codeUsedTwiceAnywhereInTheDocumentIsRefused() {
        put(document("""
                {"code":"I","nameJa":"一","items":[{"code":"I.1","nameJa":"一の一"}]},
                {"code":"II","nameJa":"二","items":[{"code":"I.1","nameJa":"重複"}]}
                """)).statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("items[1].items[0].code"))
                .body("violations[0].reason", containsString("items[0].items[0]"));
    }

    @Test
    void tooLongCodeMissingCodeAndMissingPlanFieldsAreRefused() {
        put(document("{\"code\":\"%s\",\"nameJa\":\"長い\"},{\"nameJa\":\"コードなし\"}".formatted("X".repeat(65))))
                .statusCode(400)
                .body("violations.field", hasItem("items[0].code"))
                .body("violations.field", hasItem("items[1].code"));

        given().contentType(ContentType.JSON).body("{\"agency\":\"IPA\",\"items\":[{\"code\":\"I\"}]}")
                .put("/api/v1/plans/{code}/document", plan).then().statusCode(400)
                .body("violations.field", hasItem("fiscalYear"))
                .body("violations.field", hasItem("nameJa"))
                .body("violations.field", hasItem("items[0].nameJa"));

        given().contentType(ContentType.JSON).body(document("null"))
                .put("/api/v1/plans/{code}/document", plan).then().statusCode(400)
                .body("violations[0].field", equalTo("items[0]"));
    }

    @Test
    void badOrMismatchedPlanCodeAndInconsistentPeriodAreRefused() {
        given().contentType(ContentType.JSON).body(document("{\"code\":\"I\",\"nameJa\":\"一\"}"))
                .put("/api/v1/plans/{code}/document", "-" + plan).then().statusCode(400)
                .body("violations[0].field", equalTo("code"));

        put(document("{\"code\":\"I\",\"nameJa\":\"一\"}").replace("\"fiscalYear\":2024", "\"fiscalYear\":2022"))
                .statusCode(422)
                .body("violations[0].field", equalTo("fiscalYear"));
        put(document("{\"code\":\"I\",\"nameJa\":\"一\"}").replace("{\"agency\"", "{\"code\":\"IPA-FY2023\",\"agency\""))
                .statusCode(422)
                .body("violations[0].field", equalTo("code"));
    }

    @Test
    void aYearBeyondTheIntegerColumnIsNamed() {
        put(document("{\"code\":\"I\",\"nameJa\":\"一\"}").replace("\"midTermFirstYear\":2023",
                "\"midTermFirstYear\":99999999999")).statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("midTermFirstYear"));
    }

    private ValidatableResponse put(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .put("/api/v1/plans/{code}/document", plan).then();
    }

    private static String document(String items) {
        return """
                {"agency":"IPA","fiscalYear":2024,"midTermPeriod":"5th (FY2023–FY2027)","midTermFirstYear":2023,
                 "midTermLastYear":2027,"nameJa":"令和６年度計画","items":[%s]}
                """.formatted(items);
    }
}
