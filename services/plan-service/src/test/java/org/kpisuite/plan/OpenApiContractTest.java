package org.kpisuite.plan;

import static io.restassured.RestAssured.given;

import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.OpenApiContractCheck;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Plans and plan items: every GET, with a plan of a chapter and an item, and its problems, against /q/openapi. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiContractTest extends OpenApiContractCheck {

    @Override
    protected void answers(OpenApiContract contract) throws Exception {
        String plan = PlanFixtures.createPlan(PlanFixtures.randomPlanCode());
        String chapter = PlanFixtures.createItem(plan, "I", null, 1);
        String item = PlanFixtures.createItem(plan, "I.1", chapter, 1);

        contract.get("/api/v1/plans", given());
        contract.get("/api/v1/plans", given().queryParam("agency", "IPA").queryParam("fiscalYear", 2024));
        contract.get("/api/v1/plans/{code}", given().pathParam("code", plan));
        contract.get("/api/v1/plan-items", given().queryParam("planCode", plan));
        contract.get("/api/v1/plan-items/{id}", given().pathParam("id", item));
        contract.get("/api/v1/plan-items/{id}", given().pathParam("id", chapter));
        String executed = PlanFixtures.randomPlanCode();
        ExecutionFixtures.importDocument(executed, 2024).statusCode(201);
        String measure = ExecutionFixtures.measureId(executed, "I.2.(3-1).1");
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"done\":\"着手\",\"evidence\":[\"https://a.example\"]}")
                .put("/api/v1/measures/{id}/commentary/H1", measure).then().statusCode(201);
        contract.get("/api/v1/measures", given().queryParam("planCode", executed));
        contract.get("/api/v1/measures/{id}", given().pathParam("id", ExecutionFixtures.measureId(executed, "I.1.IMP1")));
        contract.get("/api/v1/measures/{id}", given().pathParam("id", measure));
        contract.get("/api/v1/measures/{id}/history", given().pathParam("id", measure));
        contract.get("/api/v1/measures/{id}/commentary", given().pathParam("id", measure));
        contract.get("/api/v1/milestones/{id}", given().pathParam("id",
                ExecutionFixtures.milestoneId(executed, "I.2.(3-1).1", "I.2.(3-1).1.M1")));
        // Problems are answers too.
        contract.get("/api/v1/plans", given().queryParam("fiscalYear", "FY2024"));
        contract.get("/api/v1/plans/{code}", given().pathParam("code", "no-such-plan"));
        contract.get("/api/v1/plans", given().spec(Tokens.anonymous()));
    }
}
