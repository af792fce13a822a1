package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.kpisuite.plan.PlanFixtures.createItem;
import static org.kpisuite.plan.PlanFixtures.createPlan;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanItemDeleteTest {

    private String plan;

    @BeforeEach
    void planExists() {
        plan = createPlan(randomPlanCode());
    }

    @Test
    void deleteIsRefusedWhileIndicatorsReferToTheItemAndAllowedOnceTheyReferElsewhere() throws Exception {
        String item = createItem(plan, "I.2", null, 2);
        // The child makes every DELETE below a harmless probe until the child itself is deleted.
        String child = createItem(plan, "I.2.(2)", item, 2);
        String other = createItem(plan, "I.3", null, 3);
        String manabi = Codes.unique("manabi");
        String retired = Codes.unique("retired");

        publish(indicator(manabi, UUID.fromString(item), false, 1), IndicatorEvent.TYPE_DEFINED);
        publish(indicator(retired, UUID.fromString(item), true, 3), IndicatorEvent.TYPE_RETIRED);

        // Retired indicators still refer: their past values stay reportable against the item.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> delete(item).statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"))
                .body("detail", allOf(containsString(manabi), containsString(retired), containsString("I.2.(2)"))));

        given().delete("/api/v1/plan-items/{id}", child).then().statusCode(204);
        delete(item).statusCode(409).body("detail", allOf(containsString(manabi), containsString(retired),
                org.hamcrest.Matchers.not(containsString("I.2.(2)"))));

        publish(indicator(manabi, UUID.fromString(other), false, 2), IndicatorEvent.TYPE_CHANGED);
        publish(indicator(retired, UUID.fromString(other), true, 4), IndicatorEvent.TYPE_CHANGED);
        await().atMost(Duration.ofSeconds(30)).until(() -> delete(item).extract().statusCode() == 204);

        given().get("/api/v1/plan-items/{id}", item).then().statusCode(404);
        delete(other).statusCode(409).body("detail", containsString(manabi));
    }

    @Test
    void removalIsPublishedWithANewVersion() throws Exception {
        String item = createItem(plan, "IX.4.(2)③", null, 0);
        given().delete("/api/v1/plan-items/{id}", item).then().statusCode(204);

        var record = SuiteEvents.awaitRecord(Topics.PLAN_ITEMS,
                r -> item.equals(r.key()) && PlanItemEvent.TYPE_REMOVED.equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(20));
        assertThat(SuiteEvents.read(record.value(), JsonNode.class).get("removed").asBoolean()).isTrue();
        PlanItemEvent event = SuiteEvents.read(record.value(), PlanItemEvent.class);
        assertThat(event.removed()).isTrue();
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.code()).isEqualTo("IX.4.(2)③");
        assertThat(event.planCode()).isEqualTo(plan);

        given().delete("/api/v1/plan-items/{id}", item).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse delete(String id) {
        return given().delete("/api/v1/plan-items/{id}", id).then();
    }

    private static void publish(IndicatorEvent event, String type) {
        SuiteEvents.publish(Topics.INDICATORS, event.code(), type, event);
    }

    static IndicatorEvent indicator(String code, UUID planItemId, boolean retired, long version) {
        return new IndicatorEvent(code, "「マナビＤＸ」へのアクセス数", "Manabi DX accesses", "accesses", "digital-talent",
                planItemId, true, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST,
                        new java.math.BigDecimal("300000"))),
                retired, version, Instant.now());
    }
}
