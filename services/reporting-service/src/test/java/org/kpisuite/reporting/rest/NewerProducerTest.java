package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events of a newer producer version, with fields and enum values this version does not know: reporting applies
 * what it understands instead of skipping the event (or retrying it for ever).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class NewerProducerTest {

    private final String code = Codes.unique("newer");

    @Test
    void newFieldsAreIgnoredAndTheValuesStillCount() {
        publishIndicator("SUM", "AT_LEAST", "MIN_DISTINCT_MONTHS");
        publishMeasurement("2024-04", 120);
        publishMeasurement("2024-05", 30);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then().statusCode(200)
                .body("actual", equalTo(150))
                .body("target", equalTo(1000))
                .body("nameEn", equalTo("Newer producer")));
    }

    @Test
    void anUnknownAggregationIsKeptAndNotRated() {
        publishIndicator("MEDIAN", "BETWEEN", "MIN_DISTINCT_BREAKDOWN_VALUES");
        publishMeasurement("2024-04", 120);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then().statusCode(200)
                .body("status", equalTo("NOT_RATED"))
                .body("aggregation", nullValue())
                .body("monthsReported", equalTo(1)));
        // Every read that lists indicators takes it too.
        given().queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200);
        given().queryParam("fiscalYear", 2024).get("/api/v1/completeness").then().statusCode(200);
        given().spec(Tokens.as(Tokens.of("kpi-bi", null))).queryParam("fiscalYear", 2024)
                .get("/api/v1/exports/progress").then().statusCode(200);
        // The partition was not held up by it: a later indicator on the same topic is applied.
        String next = code + "-next";
        SuiteEvents.publishJson(Topics.INDICATORS, next, IndicatorEvent.TYPE_DEFINED,
                indicatorJson(next, "SUM", "AT_LEAST", "X"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", next).statusCode() == 200);
    }

    private void publishIndicator(String aggregation, String comparator, String conditionKind) {
        SuiteEvents.publishJson(Topics.INDICATORS, code, IndicatorEvent.TYPE_DEFINED,
                indicatorJson(code, aggregation, comparator, conditionKind));
    }

    private static String indicatorJson(String code, String aggregation, String comparator, String conditionKind) {
        return """
                {"code":"%s","nameJa":"新しい指標","nameEn":"Newer producer","unit":"件","department":"digital-talent",
                 "planItemId":"%s","coreTarget":false,"referenceOnly":false,"aggregation":"%s","components":[],
                 "allowsNegative":false,"firstFiscalYear":2024,"retired":false,"version":1,
                 "changedAt":"2026-12-01T00:00:00Z","reviewCycle":{"months":6},"owners":["a","b"],
                 "targets":[{"fiscalYear":2024,"comparator":"%s","value":1000,"scope":"FISCAL_YEAR",
                   "conditions":[{"kind":"%s","value":0,"weight":1}],"confidence":0.9}]}"""
                .formatted(code, UUID.randomUUID(), aggregation, comparator, conditionKind);
    }

    private void publishMeasurement(String month, int value) {
        SuiteEvents.publishJson(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED, """
                {"measurementId":"%s","indicatorCode":"%s","department":"digital-talent","month":"%s","value":%d,
                 "revision":1,"recordedBy":"test","recordedAt":"2026-12-01T00:00:00Z","flags":["OUTLIER","NEW_FLAG"],
                 "source":{"channel":"api-v2"},"confidence":"HIGH"}""".formatted(UUID.randomUUID(), code, month, value));
    }
}
