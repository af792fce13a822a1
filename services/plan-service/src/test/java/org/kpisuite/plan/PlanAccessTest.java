package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.kpisuite.plan.PlanFixtures.createPlan;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;
import static org.kpisuite.security.Roles.ADMIN;
import static org.kpisuite.security.Roles.SUBMITTER;
import static org.kpisuite.security.Roles.VIEWER;
import static org.kpisuite.testing.AccessRules.Endpoint.get;
import static org.kpisuite.testing.AccessRules.Endpoint.write;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.AccessCheck;
import org.kpisuite.testing.AccessRules;
import org.kpisuite.testing.AccessRules.Endpoint;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Who may call which plan-service endpoint, which tokens are refused, who is recorded, how large a body may be. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanAccessTest extends AccessCheck {

    private static final String ID = UUID.randomUUID().toString();

    /** Every endpoint of this service (AccessCheck checks the platform's), with the roles it allows. */
    static Stream<Endpoint> endpoints() {
        return Stream.of(
                write("POST", "/api/v1/plans", "{}", ADMIN),
                get("/api/v1/plans", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/plans/NO-SUCH-PLAN", VIEWER, SUBMITTER, ADMIN),
                write("PUT", "/api/v1/plans/NO-SUCH-PLAN", "{}", ADMIN),
                write("DELETE", "/api/v1/plans/NO-SUCH-PLAN", null, ADMIN),
                write("PUT", "/api/v1/plans/NO-SUCH-PLAN/document", "{}", ADMIN),
                write("POST", "/api/v1/plan-items", "{}", ADMIN),
                write("PUT", "/api/v1/plan-items/" + ID, "{}", ADMIN),
                write("POST", "/api/v1/plan-items/" + ID + "/move", "{}", ADMIN),
                write("DELETE", "/api/v1/plan-items/" + ID, null, ADMIN),
                get("/api/v1/plan-items", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/plan-items/" + ID, VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/measures", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/measures/" + ID, VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/measures/" + ID + "/history", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/measures/" + ID + "/commentary", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/milestones/" + ID, VIEWER, SUBMITTER, ADMIN),
                write("POST", "/api/v1/measures", "{}", ADMIN),
                write("PUT", "/api/v1/measures/" + ID, "{}", ADMIN),
                write("DELETE", "/api/v1/measures/" + ID, null, ADMIN),
                write("POST", "/api/v1/measures/" + ID + "/milestones", "{}", ADMIN),
                write("PUT", "/api/v1/milestones/" + ID, "{}", ADMIN),
                write("DELETE", "/api/v1/milestones/" + ID, null, ADMIN),
                // A submitter of its own department's measures (MeasureExecutionTest: another department gets 403).
                write("PUT", "/api/v1/measures/" + ID + "/status", "{}", SUBMITTER, ADMIN),
                write("PUT", "/api/v1/measures/" + ID + "/commentary/H1", "{}", SUBMITTER, ADMIN),
                write("PUT", "/api/v1/milestones/" + ID + "/done", "{}", SUBMITTER, ADMIN));
    }

    @Test
    void expiredForeignTamperedAndMalformedTokensAreRefused() {
        AccessRules.assertRefusesBadTokens(write("POST", "/api/v1/plans", "{}", ADMIN));
        AccessRules.assertRefusesBadTokens(get("/api/v1/plans", VIEWER));
    }

    @Test
    void healthAndTheContractStayOpen() {
        given().spec(Tokens.anonymous()).get("/q/health").then().statusCode(200);
        given().spec(Tokens.anonymous()).get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
        // A bad token on an open endpoint is ignored, not refused.
        given().spec(Tokens.as(Tokens.expired())).get("/q/health").then().statusCode(200);
    }

    @Test
    void everyWriteRecordsTheTokensSubject() {
        String code = randomPlanCode();
        given().spec(Tokens.as(Tokens.of(ADMIN, null))).contentType(ContentType.JSON).body("""
                {"code":"%s","agency":"IPA","fiscalYear":2024,"nameJa":"計画"}""".formatted(code))
                .post("/api/v1/plans").then().statusCode(201).body("changedBy", equalTo("kpi-admin@test"));
        String item = given().spec(Tokens.as(Tokens.of(ADMIN, null))).contentType(ContentType.JSON).body("""
                {"planCode":"%s","code":"I","nameJa":"章"}""".formatted(code))
                .post("/api/v1/plan-items").then().statusCode(201).body("changedBy", equalTo("kpi-admin@test"))
                .extract().path("id");
        given().get("/api/v1/plans/{code}", code).then().statusCode(200).body("changedBy", equalTo("kpi-admin@test"));
        given().get("/api/v1/plan-items/{id}", item).then().statusCode(200).body("changedBy", equalTo("kpi-admin@test"));
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndTheServiceGoesOn() throws Exception {
        String code = createPlan(randomPlanCode());
        AccessRules.RawAnswer answer = AccessRules.sendOversized("PUT", "/api/v1/plans/" + code + "/document",
                2 * 1024 * 1024);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(answer.body()).contains("\"status\":413").contains("\"field\":\"body\"").contains("1048576");
        given().get("/api/v1/plans/{code}", code).then().statusCode(200);
    }
}
