package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.kpisuite.security.Roles.ADMIN;
import static org.kpisuite.security.Roles.BI;
import static org.kpisuite.security.Roles.EVALUATOR;
import static org.kpisuite.security.Roles.SUBMITTER;
import static org.kpisuite.security.Roles.VIEWER;
import static org.kpisuite.testing.AccessRules.Endpoint.get;
import static org.kpisuite.testing.AccessRules.Endpoint.write;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.AccessCheck;
import org.kpisuite.testing.AccessRules;
import org.kpisuite.testing.AccessRules.Endpoint;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call which reporting endpoint; the dashboard's own files stay open (they hold no data). */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ReportingAccessTest extends AccessCheck {

    /** Every endpoint of this service (AccessCheck checks the platform's), with the roles it allows. */
    static Stream<Endpoint> endpoints() {
        return Stream.of(
                get("/api/v1/progress?fiscalYear=2024", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/progress/no-such-indicator?fiscalYear=2024", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/progress/rollups?fiscalYear=2024", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/progress/no-such-indicator/series?fiscalYear=2024", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/completeness?fiscalYear=2024", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/exports/facts", BI, ADMIN),
                get("/api/v1/exports/progress?fiscalYear=2024", BI, ADMIN),
                get("/api/v1/exports/plan?fiscalYear=2024", BI, ADMIN),
                get("/api/v1/plan-tree?fiscalYear=2024", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/reviews", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/reviews/NO-SUCH-REVIEW", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/reviews/compare?from=A&to=B", VIEWER, SUBMITTER, ADMIN),
                write("PUT", "/api/v1/reviews/NO-SUCH-REVIEW", "{}", ADMIN),
                get("/api/v1/evaluations/2024?planCode=NO-SUCH-PLAN", VIEWER, SUBMITTER, EVALUATOR, ADMIN),
                get("/api/v1/evaluations/2024/items/I.1/versions?planCode=NO-SUCH-PLAN", VIEWER, SUBMITTER, EVALUATOR, ADMIN),
                write("PUT", "/api/v1/evaluations/2024/items/I.1/self?planCode=NO-SUCH-PLAN", "{\"grade\":\"B\"}",
                        EVALUATOR, ADMIN),
                write("PUT", "/api/v1/evaluations/2024/items/I.1/minister?planCode=NO-SUCH-PLAN", "{\"grade\":\"B\"}",
                        ADMIN),
                // An administrator's call would really rebuild the read model under the other tests;
                // StatusAndRebuildTest does that one.
                write("POST", "/api/v1/admin/rebuild", null, ADMIN).refusalsOnly());
    }

    @Test
    void expiredForeignTamperedAndMalformedTokensAreRefused() {
        AccessRules.assertRefusesBadTokens(get("/api/v1/progress?fiscalYear=2024", VIEWER));
        AccessRules.assertRefusesBadTokens(get("/api/v1/exports/facts", BI));
    }

    @Test
    void theDashboardPageLoadsWithoutAToken() {
        given().spec(Tokens.anonymous()).get("/").then().statusCode(200).body(containsString("<html"));
        given().spec(Tokens.anonymous()).get("/dashboard.js").then().statusCode(200);
    }
}
