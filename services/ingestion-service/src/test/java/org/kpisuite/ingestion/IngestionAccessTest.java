package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.kpisuite.security.Roles.ADMIN;
import static org.kpisuite.security.Roles.APPROVER;
import static org.kpisuite.security.Roles.SUBMITTER;
import static org.kpisuite.security.Roles.VIEWER;
import static org.kpisuite.testing.AccessRules.Endpoint.get;
import static org.kpisuite.testing.AccessRules.Endpoint.write;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.security.VerifiedTokens;
import org.kpisuite.testing.AccessCheck;
import org.kpisuite.testing.AccessRules;
import org.kpisuite.testing.AccessRules.Endpoint;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;

/**
 * Who may call which ingestion endpoint, and the department rule: a submitter's department is its token's, and it
 * submits only for the indicators that department owns; an administrator submits for any, naming it.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class IngestionAccessTest extends AccessCheck {

    private static final String ID = UUID.randomUUID().toString();

    private String code;

    /** Every endpoint of this service (AccessCheck checks the platform's), with the roles it allows. */
    static Stream<Endpoint> endpoints() {
        return Stream.of(
                write("POST", "/api/v1/measurements", "{}", SUBMITTER, ADMIN),
                write("POST", "/api/v1/measurements/batch", "{}", SUBMITTER, ADMIN),
                write("POST", "/api/v1/measurements/batch", "no,such,columns", SUBMITTER, ADMIN)
                        .withContentType("text/csv"),
                get("/api/v1/measurements?indicatorCode=none", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/measurements/" + ID, VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/measurements/" + ID + "/history", VIEWER, SUBMITTER, ADMIN),
                write("POST", "/api/v1/periods/close", "{}", ADMIN),
                write("POST", "/api/v1/periods/reopen", "{}", ADMIN),
                get("/api/v1/periods", VIEWER, SUBMITTER, ADMIN),
                write("POST", "/api/v1/approvals", "{}", APPROVER, ADMIN),
                get("/api/v1/approvals/queue?limit=1", APPROVER, SUBMITTER, ADMIN),
                get("/api/v1/approvals/steps?indicatorCode=none&department=none&period=2024-05", APPROVER, SUBMITTER,
                        VIEWER, ADMIN));
    }

    @BeforeEach
    void indicatorOfDigitalTalent() throws Exception {
        code = Codes.unique("dept");
        BatchIndicators.publish(code, List.of());
    }

    @Inject
    JWTParser parser;

    @Test
    void tokensAreVerifiedThroughTheSuitesParserThatRemembersThem() {
        // The access rules above hold with it: a tampered or expired token is still refused.
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokens.class);
    }

    @Test
    void expiredForeignTamperedAndMalformedTokensAreRefused() {
        AccessRules.assertRefusesBadTokens(write("POST", "/api/v1/measurements", value("2024-05", null), SUBMITTER));
        given().spec(Tokens.as(Tokens.admin())).queryParam("indicatorCode", code).get("/api/v1/measurements").then()
                .statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aSubmittersDepartmentComesFromItsToken() {
        submit(Tokens.submitter("digital-talent"), value("2024-05", null)).statusCode(201)
                .body("department", equalTo("digital-talent"))
                .body("recordedBy", equalTo("kpi-submitter.digital-talent@test"));
        submit(Tokens.submitter("digital-talent"), value("2024-06", "digital-talent")).statusCode(201);
    }

    @Test
    void aSubmitterOfAnotherDepartmentIsRefused() {
        // Department A (security) writing a value of an indicator that department B (digital-talent) owns.
        submit(Tokens.submitter("security"), value("2024-05", null)).statusCode(403)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("indicatorCode"))
                .body("detail", containsString("digital-talent"));
        // ... or naming B in the body.
        submit(Tokens.submitter("security"), value("2024-05", "digital-talent")).statusCode(403)
                .body("violations[0].field", equalTo("department"));
        // ... or in a batch: its row is refused and nothing is stored.
        given().spec(Tokens.as(Tokens.submitter("security"))).contentType(ContentType.JSON)
                .body("{\"rows\":[" + value("2024-07", null) + "]}")
                .post("/api/v1/measurements/batch").then().statusCode(422)
                .body("rejections[0].field", equalTo("indicatorCode"));
        // ... and a submitter token that names no department cannot submit at all.
        String noDepartment = Tokens.forSubject("nobody@test", LocalTokens.SUBMITTER, null);
        submit(noDepartment, value("2024-05", null)).statusCode(403);
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void anAdministratorSubmitsForAnyDepartmentNamingIt() {
        submit(Tokens.admin(), value("2024-05", null)).statusCode(400)
                .body("violations[0].field", equalTo("department"));
        submit(Tokens.admin(), value("2024-05", "digital-talent")).statusCode(201)
                .body("recordedBy", equalTo("kpi-admin@test"));
        submit(Tokens.viewer(), value("2024-06", "digital-talent")).statusCode(403);
    }

    @Test
    void aSubjectTooLongToRecordIsRefusedBeforeAnythingIsWritten() {
        String longSubject = Tokens.forSubject("x".repeat(300) + "@test", LocalTokens.ADMIN, null);
        submit(longSubject, value("2024-05", "digital-talent")).statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 255"));
        given().spec(Tokens.as(longSubject)).contentType(ContentType.JSON)
                .body("{\"rows\":[" + value("2024-06", "digital-talent") + "]}")
                .post("/api/v1/measurements/batch").then().statusCode(401)
                .contentType("application/problem+json");
        // The longest subject an audit column holds is recorded whole.
        String longest = "y".repeat(255 - "@test".length()) + "@test";
        submit(Tokens.forSubject(longest, LocalTokens.ADMIN, null), value("2024-07", "digital-talent")).statusCode(201)
                .body("recordedBy", equalTo(longest));
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("month", hasItem("2024-07"))
                .body("month", not(hasItem("2024-05")))
                .body("month", not(hasItem("2024-06")));
    }

    @Test
    void closingAMonthRecordsWhoClosedIt() {
        given().contentType(ContentType.JSON).body("{\"month\":\"2016-01\",\"indicatorCode\":\"" + code + "\"}")
                .post("/api/v1/periods/close").then().statusCode(201).body("closedBy", equalTo("kpi-admin@test"));
        given().contentType(ContentType.JSON).body("{\"month\":\"2016-01\",\"indicatorCode\":\"" + code + "\"}")
                .post("/api/v1/periods/reopen").then().statusCode(200);
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndTheServiceGoesOn() throws Exception {
        AccessRules.RawAnswer answer = AccessRules.sendOversized("POST", "/api/v1/measurements/batch",
                11 * 1024 * 1024);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"body\"").contains(String.valueOf(10 * 1024 * 1024));
        submit(Tokens.submitter("digital-talent"), value("2024-08", null)).statusCode(201);
    }

    private String value(String month, String department) {
        return """
                {"indicatorCode":"%s","department":%s,"month":"%s","value":7}"""
                .formatted(code, department == null ? null : "\"" + department + "\"", month);
    }

    private static ValidatableResponse submit(String token, String body) {
        return given().spec(Tokens.as(token)).contentType(ContentType.JSON).body(body).post("/api/v1/measurements")
                .then();
    }
}
