package org.kpisuite.plan;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Test data through the public API only; every test makes its own plan so tests need no order. */
final class PlanFixtures {

    private PlanFixtures() {
    }

    static String randomPlanCode() {
        return "T-" + UUID.randomUUID();
    }

    /** Creates an FY2024 plan of the 5th mid-term period and returns its code. */
    static String createPlan(String code) {
        given().contentType(ContentType.JSON).body("""
                {"code":"%s","agency":"IPA","fiscalYear":2024,"midTermPeriod":"5th (FY2023–FY2027)",
                 "midTermFirstYear":2023,"midTermLastYear":2027,
                 "nameJa":"独立行政法人情報処理推進機構令和６年度計画","nameEn":"IPA plan for FY2024"}
                """.formatted(code))
                .post("/api/v1/plans").then().statusCode(201);
        return code;
    }

    /** Creates an item and returns its id. */
    static String createItem(String planCode, String code, String parentId, int sortOrder) {
        String parent = parentId == null ? "null" : "\"" + parentId + "\"";
        return given().contentType(ContentType.JSON).body("""
                {"planCode":"%s","code":"%s","nameJa":"%s の名前","parentId":%s,"sortOrder":%d}
                """.formatted(planCode, code, code, parent, sortOrder))
                .post("/api/v1/plan-items").then().statusCode(201)
                .extract().path("id");
    }
}
