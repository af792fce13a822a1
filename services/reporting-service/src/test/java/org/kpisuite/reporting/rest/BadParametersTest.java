package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Families of bad path and query parameters on every GET of the service: each is a 400 problem+json naming the
 * parameter (never a 404 from JAX-RS, never a 500 from the database): malformed values, values out of range,
 * dates and instants beyond the years 0001–9999 (which Java parses and the database cannot hold), cursors that
 * hold such an instant, and the NUL character anywhere (also escaped inside a cursor).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class BadParametersTest {

    private static final String NUL = "\u0000";

    static Stream<Arguments> badQueries() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String path : new String[] { "/api/v1/progress", "/api/v1/progress/rollups", "/api/v1/completeness",
                "/api/v1/exports/progress", "/api/v1/progress/manabi-dx-accesses",
                "/api/v1/progress/manabi-dx-accesses/series" }) {
            for (String year : new String[] { "", "FY2024", "2024.5", "99999999999", "1999", "2101", "-2024",
                    "2024" + NUL }) {
                cases.add(Arguments.of(path, Map.of("fiscalYear", year), "fiscalYear"));
            }
            for (String asOf : new String[] { "+999999999-12-31", "-999999999-01-01", "10000-01-01", "0000-12-31",
                    "2024-02-30", "2024-9-30", "30/09/2024", "2024-09-30T00:00", "2024-09-30" + NUL, NUL }) {
                cases.add(Arguments.of(path, Map.of("fiscalYear", "2024", "asOf", asOf), "asOf"));
            }
        }
        String facts = "/api/v1/exports/facts";
        for (String since : new String[] { "+999999999-12-31T00:00:00Z", "0000-12-31T23:59:59Z",
                "10000-01-01T00:00:00Z", "2024-05-01", "yesterday", "2024-05-01T00:00:00Z" + NUL }) {
            cases.add(Arguments.of(facts, Map.of("updatedSince", since), "updatedSince"));
        }
        for (String cursor : new String[] {
                cursor("facts", "+1000000000-01-01T00:00:00Z", "code", "", "", "digital-talent", "2024-05"),
                cursor("facts", "-999999999-01-01T00:00:00Z", "code", "", "", "digital-talent", "2024-05"),
                cursor("facts", "0000-01-01T00:00:00Z", "code", "", "", "digital-talent", "2024-05"),
                cursor("facts", "2024-06-07T01:00:00Z", "code", "", ""),
                // a NUL escaped inside the cursor's JSON, which the database cannot compare with
                cursor("facts", "2024-06-07T01:00:00Z", "code\\u0000", "", "", "digital-talent", "2024-05"),
                cursor("facts", "2024-06-07T01:00:00Z", "code", "", "", "digital-talent", "2024-05\\u0000"),
                cursor("progress", "manabi-dx-accesses"), "not a cursor!", NUL }) {
            cases.add(Arguments.of(facts, Map.of("cursor", cursor), "cursor"));
        }
        for (String cursor : new String[] { cursor("facts", "2024-06-07T01:00:00Z", "c", "", "", "d", "2024-05"),
                cursor("progress"), "%%%", NUL }) {
            cases.add(Arguments.of("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "cursor", cursor),
                    "cursor"));
        }
        for (String limit : new String[] { "0", "-1", "10001", "1e3", "ten", "1" + NUL }) {
            cases.add(Arguments.of(facts, Map.of("limit", limit), "limit"));
        }
        cases.add(Arguments.of(facts, Map.of("indicatorCode", "manabi" + NUL), "indicatorCode"));
        cases.add(Arguments.of(facts, Map.of("fiscalYear", "2024" + NUL), "fiscalYear"));
        cases.add(Arguments.of(facts, Map.of("format", "xlsx"), "format"));
        cases.add(Arguments.of(facts, Map.of("format", "csv" + NUL), "format"));
        cases.add(Arguments.of(facts, Map.of("format", "csv", "bom", "1"), "bom"));
        cases.add(Arguments.of(facts, Map.of("format", "csv", "bom", NUL), "bom"));
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badQueries")
    void aBadQueryParameterIsAProblemNamingIt(String path, Map<String, String> params, String field) {
        given().queryParams(new LinkedHashMap<>(params)).get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field));
    }

    @Test
    void aWholeNumberTooLargeForItsTypeSaysTheRangeTheParameterTakes() {
        given().queryParam("limit", "99999999999").get("/api/v1/exports/facts").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("limit"))
                .body("violations[0].reason", equalTo("must be a whole number from 1 to 10000, not '99999999999'"));
        given().queryParam("fiscalYear", "-99999999999").get("/api/v1/progress").then().statusCode(400)
                .body("violations[0].field", equalTo("fiscalYear"))
                .body("violations[0].reason", equalTo("must be a whole number from " + FiscalCalendar.MIN_YEAR + " to "
                        + FiscalCalendar.MAX_YEAR + ", not '-99999999999'"));
    }

    static Stream<Arguments> badPaths() {
        return Stream.of("manabi" + NUL, NUL, "a" + NUL + "b")
                .flatMap(code -> Stream.of(Arguments.of("/api/v1/progress/{code}", code),
                        Arguments.of("/api/v1/progress/{code}/series", code)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badPaths")
    void aNulInAPathParameterIsAProblemNamingIt(String path, String code) {
        given().queryParam("fiscalYear", 2024).get(path, code).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("indicatorCode"));
    }

    private static String cursor(String... parts) {
        String json = "[" + String.join(",", Stream.of(parts).map(p -> "\"" + p + "\"").toList()) + "]";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
