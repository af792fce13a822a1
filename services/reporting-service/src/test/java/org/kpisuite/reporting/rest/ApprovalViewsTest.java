package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementApprovalEvent;
import org.kpisuite.events.MeasurementApprovalEvent.Decision;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The review of values as reporting sees it, from ingestion's events: how much of a figure is approved, and the
 * official figure that counts approved values alone (a correction waiting for approval leaves the approved revision
 * before it in force there); a redelivered step changes nothing.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ApprovalViewsTest {

    private final String code = "ap-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theOfficialFigureCountsApprovedValuesAloneAndTheShareSaysHowMuchIsApproved() {
        var definition = new IndicatorEvent(code, "承認テスト", "Approval test", "cases", "digital-talent", null, false,
                false, IndicatorEvent.Aggregation.SUM, List.of(new IndicatorEvent.Target(2024,
                        IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("100"))), false, 1,
                Instant.parse("2024-04-01T00:00:00Z"));
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.INDICATORS, code, SuiteEvents.json(definition),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
        TopicReader.Outgoing approvedMay = step("2024-05", 1, 1, Decision.APPROVED, null, "2024-06-12T00:00:00Z");
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, List.of(
                value("2024-05", "40", 1, "2024-06-10T00:00:00Z"), approvedMay,
                value("2024-06", "30", 1, "2024-07-10T00:00:00Z"),
                step("2024-06", 1, 1, Decision.APPROVED, null, "2024-07-12T00:00:00Z"),
                value("2024-06", "50", 2, "2024-07-20T00:00:00Z"),
                value("2024-07", "20", 1, "2024-08-10T00:00:00Z"),
                step("2024-07", 1, 1, Decision.RETURNED, "内訳を確認", "2024-08-12T00:00:00Z"),
                approvedMay));

        // The steps and the values arrive on the measurements topic, the definition on its own: both are in.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(share().getInt("returned")).isEqualTo(1);
            assertThat(actual(false)).isEqualTo("110");
        });
        JsonPath share = share();
        assertThat(share.getInt("values")).isEqualTo(3);
        assertThat(share.getInt("approved")).as("May; June's correction waits").isEqualTo(1);
        assertThat(share.getInt("provisional")).isEqualTo(1);
        assertThat(share.getFloat("approvedShare")).isEqualTo(0.3333f);

        // The facts export says it per value: its latest revision's state.
        List<java.util.Map<String, Object>> facts = given().queryParam("indicatorCode", code).queryParam("format", "json")
                .get("/api/v1/exports/facts").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(facts).extracting(f -> f.get("period") + " r" + f.get("revision") + " " + f.get("approval"))
                .containsExactlyInAnyOrder("2024-05 r1 APPROVED", "2024-06 r2 PROVISIONAL", "2024-07 r1 RETURNED");

        // And the series per month: May's one value approved, June's correction and July's return not.
        JsonPath series = given().queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}/series", code).then()
                .statusCode(200).extract().jsonPath();
        assertThat(series.getList("months.findAll { it.values > 0 }.collect { it.period + ':' + it.approved }"))
                .containsExactly("2024-05:1", "2024-06:0", "2024-07:0");

        assertThat(actual(false)).isEqualTo("110");
        assertThat(actual(true)).as("May 40 and June's approved revision 30").isEqualTo("70");
        // As known on 2024-07-15: June's first revision was approved on 07-12, the correction not yet made.
        assertThat(given().queryParam("fiscalYear", 2024).queryParam("asOf", "2024-07-15").queryParam("official", true)
                .get("/api/v1/progress/{code}", code).then().statusCode(200).extract().jsonPath().getString("actual"))
                .isEqualTo("70");
        assertThat(given().queryParam("fiscalYear", 2024).queryParam("asOf", "2024-06-11").queryParam("official", true)
                .get("/api/v1/progress/{code}", code).then().statusCode(200).extract().jsonPath().getString("actual"))
                .as("nothing approved yet").isNull();
    }

    private JsonPath share() {
        List<?> all = given().queryParam("fiscalYear", 2024).get("/api/v1/progress/approval").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.indicatorCode == '" + code + "' }");
        assertThat(all).hasSize(1);
        return JsonPath.from(SuiteEvents.json(all.get(0)));
    }

    /** The actual, or "unknown" while reporting does not know the indicator yet. */
    private String actual(boolean official) {
        var answer = given().queryParam("fiscalYear", 2024).queryParam("official", official)
                .get("/api/v1/progress/{code}", code);
        return answer.statusCode() == 200 ? answer.jsonPath().getString("actual") : "unknown (" + answer.statusCode() + ")";
    }

    private TopicReader.Outgoing value(String month, String value, int revision, String recordedAt) {
        var event = new MeasurementEvent(UUID.randomUUID(), code, null, null, "digital-talent", month,
                new BigDecimal(value), revision, null, revision > 1 ? "訂正" : null, "test", Instant.parse(recordedAt));
        return new TopicReader.Outgoing(code, SuiteEvents.json(event), CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, code));
    }

    private TopicReader.Outgoing step(String period, int revision, int step, Decision decision, String comment,
            String decidedAt) {
        var event = new MeasurementApprovalEvent(code, null, null, "digital-talent", period, revision, step, decision,
                comment, "approver@test", Instant.parse(decidedAt));
        return new TopicReader.Outgoing(code, SuiteEvents.json(event),
                CloudEvents.headers(MeasurementApprovalEvent.TYPE_DECIDED, code));
    }
}
