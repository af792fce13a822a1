package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Targets beyond what numeric(24, 6) holds, enums as numbers and trailing garbage are refused with a problem naming
 * the field (they were 500s from the numeric column, or stored), and no indicator is created.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class TargetBoundsTest {

    private UUID planItemId;

    @BeforeEach
    void planItem() throws Exception {
        planItemId = KnownPlanItem.publish();
    }

    /** The target's JSON members, the status and the field the problem names. */
    static Stream<Arguments> badTargets() {
        return Stream.of(
                Arguments.of("\"value\":9e18", 400, "targets[0].value"),
                Arguments.of("\"value\":1e400", 400, "targets[0].value"),
                Arguments.of("\"value\":-1e19", 400, "targets[0].value"),
                Arguments.of("\"value\":1234567890123456789", 400, "targets[0].value"),
                Arguments.of("\"value\":0.0000001", 400, "targets[0].value"),
                Arguments.of("\"value\":1e-400", 400, "targets[0].value"),
                Arguments.of("\"value\":1,\"baselineValue\":1e30", 400, "targets[0].baselineValue"),
                Arguments.of("\"fraction\":\"1234567890123456789/1\"", 400, "targets[0].fraction"),
                Arguments.of("\"fraction\":\"999999999999999999/0.000001\"", 422, "targets[0].fraction"),
                Arguments.of("\"formula\":{\"factor\":1e10,\"fromFiscalYear\":2019,\"toFiscalYear\":2021,"
                        + "\"average\":1e10}", 422, "targets[0].formula"),
                Arguments.of("\"formula\":{\"factor\":1e400,\"fromFiscalYear\":2019,\"toFiscalYear\":2021,"
                        + "\"average\":1}", 422, "targets[0].formula"),
                Arguments.of("\"value\":1,\"comparator\":1", 400, "targets[0].comparator"), // the later member wins
                Arguments.of("\"value\":1,\"scope\":0", 400, "targets[0].scope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTargets")
    void outOfRangeTargetsAreRefusedAndNothingIsCreated(String target, int status, String field) {
        String code = Codes.unique("bounds");
        Problems.expect(define(indicator(code, "\"coreTarget\":false,\"aggregation\":\"SUM\"", target)), status, null)
                .body("violations.field", hasItem(field));
        given().get("/api/v1/indicators/{code}", code).then().statusCode(404);
    }

    /** Enums as numbers and more than one document, at the indicator's top level. */
    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("\"aggregation\":1", "aggregation", ""),
                Arguments.of("\"aggregation\":\"SUM\",\"coreTarget\":2", "coreTarget", ""),
                Arguments.of("\"aggregation\":\"SUM\"", "body", "{}"),
                Arguments.of("\"aggregation\":\"SUM\"", "body", " garbage"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badDocuments")
    void strictJsonAtTheTopLevel(String members, String field, String trailer) {
        String code = Codes.unique("strict");
        Problems.expect(define(indicator(code, members, "\"value\":1") + trailer), 400, field);
        given().get("/api/v1/indicators/{code}", code).then().statusCode(404);
    }

    /** More rules than the bound (20): refused by name, nothing defined. */
    @ParameterizedTest(name = "{0} rules")
    @ValueSource(ints = { 21, 25 })
    void moreRulesThanTheBoundAreRefused(int count) {
        String code = Codes.unique("rules");
        String rules = IntStream.range(0, count).mapToObj(i -> """
                {"name":"%s","kind":"RANGE","action":"FLAG","max":1}""".formatted(
                        "flag-%02d-".formatted(i) + "x".repeat(32))).collect(Collectors.joining(","));
        Problems.expect(define(indicator(code, "\"coreTarget\":false,\"aggregation\":\"SUM\",\"rules\":[" + rules + "]",
                "\"value\":1")), 400, "rules");
        given().get("/api/v1/indicators/{code}", code).then().statusCode(404);
    }

    /** A required text that shows nothing: whitespace a JSON string escapes, or invisible format characters. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "nameJa|\\u200B", "nameJa|\\u3000\\uFEFF", "unit|\\u2060", "department|\\u200B\\u200D" })
    void aRequiredTextOfInvisibleCharactersIsBlank(String field, String invisible) {
        String code = Codes.unique("blank");
        String json = indicator(code, "\"coreTarget\":false,\"aggregation\":\"SUM\"", "\"value\":1")
                .replaceFirst("\"" + field + "\":\"[^\"]*\"",
                        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":\"" + invisible + "\""));
        Problems.expect(define(json), 400, field);
        given().get("/api/v1/indicators/{code}", code).then().statusCode(404);
    }

    /** An indicator with the top-level members and the one target's members given. */
    private String indicator(String code, String members, String target) {
        return """
                {"code":"%s","nameJa":"指標","nameEn":"indicator","unit":"accesses","department":"digital-talent",
                 "planItemId":"%s",%s,"targets":[{"fiscalYear":2024,"comparator":"AT_LEAST",%s}]}"""
                .formatted(code, planItemId, members, target);
    }

    private static ValidatableResponse define(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/indicators").then();
    }
}
