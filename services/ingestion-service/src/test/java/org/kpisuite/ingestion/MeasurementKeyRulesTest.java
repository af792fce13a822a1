package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Components, breakdown values, signs and active years as the indicator defines them. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class MeasurementKeyRulesTest {

    @Test
    void ratioValuesNameTheirComponent() throws Exception {
        String code = Codes.unique("natsec");
        publish(code, Aggregation.RATIO, List.of("numerator", "denominator"), null, false,
                value(code, "\"numerator\"", null, "2024-09", "9"));
        post(value(code, "\"denominator\"", null, "2024-09", "12")).then().statusCode(201)
                .body("component", equalTo("denominator"));
        expectProblem(value(code, null, null, "2024-09", "12"), "component");
        expectProblem(value(code, "\"share\"", null, "2024-09", "12"), "component");
    }

    @Test
    void breakdownValuesMustBeAllowedAndOthersHaveNone() throws Exception {
        String code = Codes.unique("arch");
        publish(code, Aggregation.SUM, List.of(), new Breakdown("domain", "領域", "domain",
                List.of("mobility", "health")), false, value(code, null, "\"health\"", "2024-05", "3"));
        expectProblem(value(code, null, "\"space\"", "2024-05", "3"), "breakdown");
        expectProblem(value(code, null, null, "2024-05", "3"), "breakdown");
        expectProblem(value(code, "\"numerator\"", "\"health\"", "2024-05", "3"), "component");
        expectProblem(value(code, null, "\"health\"", "2024-06", "-1"), "value");
    }

    @Test
    void negativeValuesWhereTheIndicatorAllowsThemAndYearsBeforeItsFirst() throws Exception {
        String code = Codes.unique("regional");
        publish(code, Aggregation.LAST, List.of(), null, true, value(code, null, null, "2023-03", "-25.5"));
        post(value(code, null, null, "2024-03", "-10")).then().statusCode(201).body("value", equalTo(-10));
        expectProblem(value(code, null, null, "2022-03", "1"), "month");
    }

    private void publish(String code, Aggregation aggregation, List<String> components, Breakdown breakdown,
            boolean allowsNegative, String firstValue) throws Exception {
        var indicator = new IndicatorEvent(code, "指標", "indicator", "million yen", "finance", UUID.randomUUID(), false,
                false, aggregation, components, breakdown, allowsNegative, 2022, null,
                List.of(new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"))), false, 1, Instant.now());
        KnownIndicator.publish(indicator, firstValue);
    }

    private static String value(String code, String component, String breakdown, String month, String value) {
        return """
                {"indicatorCode":"%s","component":%s,"breakdown":%s,"department":"finance","month":"%s","value":%s}
                """.formatted(code, component, breakdown, month, value);
    }

    private static io.restassured.response.Response post(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/measurements");
    }

    private static void expectProblem(String json, String field) {
        post(json).then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));
    }
}
