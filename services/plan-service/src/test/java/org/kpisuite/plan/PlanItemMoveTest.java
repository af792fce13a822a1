package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.kpisuite.plan.PlanFixtures.createItem;
import static org.kpisuite.plan.PlanFixtures.createPlan;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanItemMoveTest {

    private String plan;
    private String chapterOne;
    private String chapterThree;
    private String item;
    private String measure;

    /** I.1 > I.1.(1) > I.1.(1)①, and an empty I.3. */
    @BeforeEach
    void tree() {
        plan = createPlan(randomPlanCode());
        chapterOne = createItem(plan, "I.1", null, 1);
        chapterThree = createItem(plan, "I.3", null, 3);
        item = createItem(plan, "I.1.(1)", chapterOne, 1);
        measure = createItem(plan, "I.1.(1)①", item, 1);
    }

    @Test
    void itemMovesWithItsSubtreeAndIsPublished() throws Exception {
        move(item, chapterThree, 5).statusCode(200)
                .body("parentId", equalTo(chapterThree))
                .body("sortOrder", equalTo(5))
                .body("version", equalTo(2));

        given().get("/api/v1/plan-items/{id}", measure).then().statusCode(200)
                .body("parentId", equalTo(item))
                .body("version", equalTo(1));
        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("items.code", equalTo(java.util.List.of("I.1", "I.3")))
                .body("items[0].items.size()", equalTo(0))
                .body("items[1].items[0].code", equalTo("I.1.(1)"))
                .body("items[1].items[0].items[0].code", equalTo("I.1.(1)①"));

        var record = SuiteEvents.awaitRecord(Topics.PLAN_ITEMS,
                r -> item.equals(r.key()) && version(r.value()) == 2, Duration.ofSeconds(20));
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(PlanItemEvent.TYPE_UPSERTED);
        PlanItemEvent event = SuiteEvents.read(record.value(), PlanItemEvent.class);
        assertThat(event.parentId()).isEqualTo(UUID.fromString(chapterThree));
        assertThat(event.sortOrder()).isEqualTo(5);
        assertThat(event.removed()).isFalse();
    }

    @Test
    void movingToTheTopOrToWhereItIsAlready() {
        given().contentType(ContentType.JSON).body("{\"parentId\":null}")
                .post("/api/v1/plan-items/{id}/move", item).then().statusCode(200)
                .body("parentId", nullValue())
                .body("sortOrder", equalTo(1))
                .body("version", equalTo(2));
        // Already there: no new version, hence no event either.
        move(item, null, 1).statusCode(200).body("version", equalTo(2));
    }

    @Test
    void cyclesAndForeignOrUnknownParentsAreRefused() {
        move(chapterOne, measure, 0).statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("parentId"));
        move(item, measure, 0).statusCode(422).body("violations[0].field", equalTo("parentId"));
        move(item, item, 0).statusCode(422).body("violations[0].field", equalTo("parentId"));

        String otherPlan = createPlan(randomPlanCode());
        String foreign = createItem(otherPlan, "I", null, 1);
        move(item, foreign, 0).statusCode(422).body("violations[0].field", equalTo("parentId"));
        move(item, UUID.randomUUID().toString(), 0).statusCode(422).body("violations[0].field", equalTo("parentId"));
        move(UUID.randomUUID().toString(), chapterThree, 0).statusCode(404)
                .contentType("application/problem+json");
        move(item, chapterThree, -1).statusCode(400).body("violations[0].field", equalTo("sortOrder"));
        // Only an explicit null makes it a chapter: a body without parentId is a mistake, not a move to the top.
        for (String body : java.util.List.of("{}", "{\"sortOrder\":0}")) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/plan-items/{id}/move", item).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("parentId"));
        }

        given().get("/api/v1/plan-items/{id}", item).then().statusCode(200)
                .body("parentId", equalTo(chapterOne))
                .body("version", equalTo(1));
    }

    private long version(String json) {
        try {
            return SuiteEvents.read(json, JsonNode.class).get("version").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValidatableResponse move(String id, String parentId, int sortOrder) {
        String parent = parentId == null ? "null" : "\"" + parentId + "\"";
        return given().contentType(ContentType.JSON)
                .body("{\"parentId\":%s,\"sortOrder\":%d}".formatted(parent, sortOrder))
                .post("/api/v1/plan-items/{id}/move", id).then();
    }
}
