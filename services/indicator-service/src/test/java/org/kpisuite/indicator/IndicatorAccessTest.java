package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Who may call which indicator-service endpoint, which tokens are refused, and who each version records. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class IndicatorAccessTest extends AccessCheck {

    /** Every endpoint of this service (AccessCheck checks the platform's), with the roles it allows. */
    static Stream<Endpoint> endpoints() {
        return Stream.of(
                write("POST", "/api/v1/indicators", "{}", ADMIN),
                get("/api/v1/indicators", VIEWER, SUBMITTER, ADMIN),
                get("/api/v1/indicators/no-such-indicator", VIEWER, SUBMITTER, ADMIN),
                write("PUT", "/api/v1/indicators/no-such-indicator", "{}", ADMIN),
                write("PUT", "/api/v1/indicators/no-such-indicator/targets/2024", "{}", ADMIN),
                write("POST", "/api/v1/indicators/no-such-indicator/retire", "{}", ADMIN),
                get("/api/v1/indicators/no-such-indicator/versions", VIEWER, SUBMITTER, ADMIN));
    }

    @Test
    void expiredForeignTamperedAndMalformedTokensAreRefused() {
        AccessRules.assertRefusesBadTokens(write("PUT", "/api/v1/indicators/x", "{}", ADMIN));
        AccessRules.assertRefusesBadTokens(get("/api/v1/indicators", VIEWER));
    }

    @Test
    void everyVersionNamesWhoMadeIt() throws Exception {
        UUID planItem = KnownPlanItem.publish();
        String code = Codes.unique("who");
        String first = definition(code, planItem, 100);
        String alice = Tokens.forSubject("alice@ipa.test", LocalTokens.ADMIN, null);
        String bob = Tokens.forSubject("bob@ipa.test", LocalTokens.ADMIN, null);
        given().spec(Tokens.as(alice)).contentType(ContentType.JSON).body(first)
                .put("/api/v1/indicators/{code}", code).then().statusCode(201).body("changedBy", equalTo("alice@ipa.test"));
        given().spec(Tokens.as(bob)).contentType(ContentType.JSON).body(definition(code, planItem, 200))
                .put("/api/v1/indicators/{code}", code).then().statusCode(200).body("changedBy", equalTo("bob@ipa.test"));
        given().spec(Tokens.as(Tokens.viewer())).get("/api/v1/indicators/{code}/versions", code).then().statusCode(200)
                .body("version", contains(1, 2))
                .body("changedBy", contains("alice@ipa.test", "bob@ipa.test"));
    }

    private static String definition(String code, UUID planItem, int target) {
        return """
                {"code":"%s","nameJa":"試","unit":"cases","department":"digital-talent","planItemId":"%s",
                 "aggregation":"SUM","targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":%d}]}"""
                .formatted(code, planItem, target);
    }
}
