package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.kpisuite.plan.PlanFixtures.createItem;
import static org.kpisuite.plan.PlanFixtures.createPlan;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanResourceTest {

    private final String plan = randomPlanCode();

    @Test
    void createdPlanIsReadableListedAndUnique() {
        given().contentType(ContentType.JSON).body(planJson(plan, "IPA", 2024))
                .post("/api/v1/plans").then().statusCode(201)
                .header("Location", endsWith("/api/v1/plans/" + plan))
                .body("code", equalTo(plan))
                .body("midTermPeriod", equalTo("5th (FY2023–FY2027)"))
                .body("midTermFirstYear", equalTo(2023))
                .body("midTermLastYear", equalTo(2027));

        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("agency", equalTo("IPA"))
                .body("fiscalYear", equalTo(2024))
                .body("nameJa", equalTo("独立行政法人情報処理推進機構令和６年度計画"))
                .body("items.size()", equalTo(0));
        given().queryParam("agency", "IPA").queryParam("fiscalYear", 2024).get("/api/v1/plans").then().statusCode(200)
                .body("code", hasItem(plan));
        given().queryParam("fiscalYear", 2025).get("/api/v1/plans").then().statusCode(200)
                .body("code", not(hasItem(plan)));

        given().contentType(ContentType.JSON).body(planJson(plan, "IPA", 2024))
                .post("/api/v1/plans").then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("code"));
    }

    @Test
    void planTreeIsNestedAndOrderedBySortOrderThenCode() {
        createPlan(plan);
        String second = createItem(plan, "I.2", null, 2);
        String first = createItem(plan, "I.1", null, 1);
        createItem(plan, "I.1.(2)", first, 1);
        createItem(plan, "I.1.(1)", first, 1);
        createItem(plan, "I.1.(3)", first, 0);
        createItem(plan, "I.2.(1)", second, 0);

        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("items.code", equalTo(java.util.List.of("I.1", "I.2")))
                .body("items[0].items.code", equalTo(java.util.List.of("I.1.(3)", "I.1.(1)", "I.1.(2)")))
                .body("items[0].items[0].items.size()", equalTo(0))
                .body("items[1].items[0].code", equalTo("I.2.(1)"))
                .body("items[1].items[0].id", not(nullValue()));
    }

    @Test
    void namesAndPeriodsChange() {
        createPlan(plan);
        given().contentType(ContentType.JSON).body("""
                {"agency":"IPA","fiscalYear":2025,"midTermPeriod":"5th","midTermFirstYear":2023,"midTermLastYear":2027,
                 "nameJa":"令和７年度計画","nameEn":"Plan for FY2025"}
                """).put("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("code", equalTo(plan))
                .body("fiscalYear", equalTo(2025))
                .body("nameEn", equalTo("Plan for FY2025"));
        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("nameJa", equalTo("令和７年度計画"))
                .body("midTermPeriod", equalTo("5th"));

        given().contentType(ContentType.JSON).body("""
                {"agency":"IPA","fiscalYear":2024,"midTermFirstYear":2028,"midTermLastYear":2027,"nameJa":"x"}
                """).put("/api/v1/plans/{code}", plan).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("midTermLastYear"));
        given().contentType(ContentType.JSON).body("""
                {"agency":"IPA","fiscalYear":2030,"midTermFirstYear":2023,"midTermLastYear":2027,"nameJa":"x"}
                """).put("/api/v1/plans/{code}", plan).then().statusCode(422)
                .body("violations[0].field", equalTo("fiscalYear"));
        given().contentType(ContentType.JSON).body("""
                {"agency":"IPA","fiscalYear":2024,"nameJa":"x"}
                """).put("/api/v1/plans/{code}", randomPlanCode()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAnEmptyPlanCanBeDeleted() {
        createPlan(plan);
        String item = createItem(plan, "II", null, 0);

        given().delete("/api/v1/plans/{code}", plan).then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("code"))
                .body("detail", containsString("1 item"));

        given().delete("/api/v1/plan-items/{id}", item).then().statusCode(204);
        given().delete("/api/v1/plans/{code}", plan).then().statusCode(204);
        given().get("/api/v1/plans/{code}", plan).then().statusCode(404)
                .contentType("application/problem+json");
        given().delete("/api/v1/plans/{code}", plan).then().statusCode(404);
    }

    @Test
    void aPlanWithItemsKeepsItsYearAndAgency() {
        createPlan(plan);
        createItem(plan, "II", null, 0);
        String fy2025 = """
                {"agency":"IPA","fiscalYear":2025,"midTermFirstYear":2023,"midTermLastYear":2027,"nameJa":"x"}""";
        given().contentType(ContentType.JSON).body(fy2025).put("/api/v1/plans/{code}", plan).then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fiscalYear"))
                .body("detail", containsString("1 item"));
        given().contentType(ContentType.JSON).body(fy2025.replace("2025", "2024").replace("\"IPA\"", "\"JPO\""))
                .put("/api/v1/plans/{code}", plan).then().statusCode(409)
                .body("violations[0].field", equalTo("agency"));
        given().contentType(ContentType.JSON).body("""
                {"agency":"IPA","fiscalYear":2025,"midTermFirstYear":2023,"midTermLastYear":2027,"nameJa":"x",
                 "items":[{"code":"II","nameJa":"二"}]}""").put("/api/v1/plans/{code}/document", plan).then()
                .statusCode(409).body("violations[0].field", equalTo("fiscalYear"));
        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("fiscalYear", equalTo(2024)).body("agency", equalTo("IPA"));
        // Its names and period still change.
        String renamed = fy2025.replace("2025", "2024").replace("\"x\"", "\"令和６年度計画\"");
        given().contentType(ContentType.JSON).body(renamed)
                .put("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("nameJa", equalTo("令和６年度計画"));
    }

    @Test
    void malformedPlansAreProblems() {
        given().contentType(ContentType.JSON).body("{\"code\":\"%s\"}".formatted(plan))
                .post("/api/v1/plans").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("agency"))
                .body("violations.field", hasItem("fiscalYear"))
                .body("violations.field", hasItem("nameJa"));
        given().contentType(ContentType.JSON).body(planJson("IPA FY2024/x", "IPA", 2024))
                .post("/api/v1/plans").then().statusCode(400)
                .body("violations[0].field", equalTo("code"));
        given().contentType(ContentType.JSON).body(planJson(plan, "IPA", 1999))
                .post("/api/v1/plans").then().statusCode(400)
                .body("violations[0].field", equalTo("fiscalYear"));
        given().queryParam("fiscalYear", "FY2024").get("/api/v1/plans").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fiscalYear"));
    }

    private static String planJson(String code, String agency, int fiscalYear) {
        return """
                {"code":"%s","agency":"%s","fiscalYear":%d,"midTermPeriod":"5th (FY2023–FY2027)",
                 "midTermFirstYear":2023,"midTermLastYear":2027,
                 "nameJa":"独立行政法人情報処理推進機構令和６年度計画","nameEn":"IPA plan for FY2024"}
                """.formatted(code, agency, fiscalYear);
    }
}
