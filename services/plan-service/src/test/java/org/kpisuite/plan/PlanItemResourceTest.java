package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanItemResourceTest {

    private final String plan = "TEST-" + UUID.randomUUID();

    @BeforeEach
    void planExists() {
        PlanFixtures.createPlan(plan);
    }

    @Test
    void createdItemIsReadableAndPublishedAsFullStateEvent() throws Exception {
        String chapterId = create("""
                {"planCode":"%s","code":"I.2","nameJa":"ＤＸを担うデジタル人材の育成推進","nameEn":"Digital talent","sortOrder":2}
                """.formatted(plan));

        given().get("/api/v1/plan-items/{id}", chapterId).then().statusCode(200)
                .body("code", equalTo("I.2"))
                .body("nameJa", equalTo("ＤＸを担うデジタル人材の育成推進"))
                .body("version", equalTo(1));
        given().queryParam("planCode", plan).get("/api/v1/plan-items").then().statusCode(200)
                .body("code", hasItem("I.2"));

        var record = SuiteEvents.awaitRecord(Topics.PLAN_ITEMS,
                r -> chapterId.equals(r.key()), Duration.ofSeconds(20));
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(PlanItemEvent.TYPE_UPSERTED);
        assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/kpi/plan-service");
        PlanItemEvent event = SuiteEvents.read(record.value(), PlanItemEvent.class);
        assertThat(event.code()).isEqualTo("I.2");
        assertThat(event.planCode()).isEqualTo(plan);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.removed()).isFalse();
    }

    @Test
    void childMovesUnderAnotherParentAndVersionGrows() {
        String first = create("{\"planCode\":\"%s\",\"code\":\"I.1\",\"nameJa\":\"一\"}".formatted(plan));
        String second = create("{\"planCode\":\"%s\",\"code\":\"I.3\",\"nameJa\":\"三\"}".formatted(plan));
        String child = create("{\"planCode\":\"%s\",\"code\":\"I.1.(1)\",\"nameJa\":\"子\",\"parentId\":\"%s\"}"
                .formatted(plan, first));

        given().contentType(ContentType.JSON)
                .body("{\"planCode\":\"%s\",\"code\":\"I.3.(1)\",\"nameJa\":\"子\",\"parentId\":\"%s\"}"
                        .formatted(plan, second))
                .put("/api/v1/plan-items/{id}", child).then().statusCode(200)
                .body("parentId", equalTo(second))
                .body("version", equalTo(2));

        given().contentType(ContentType.JSON)
                .body("{\"planCode\":\"%s\",\"code\":\"I.3\",\"nameJa\":\"三\",\"parentId\":\"%s\"}"
                        .formatted(plan, child))
                .put("/api/v1/plan-items/{id}", second).then().statusCode(422)
                .body("violations[0].field", equalTo("parentId"));
    }

    @Test
    void duplicateCodeInTheSamePlanIsAConflict() {
        create("{\"planCode\":\"%s\",\"code\":\"II\",\"nameJa\":\"業務運営の効率化\"}".formatted(plan));
        given().contentType(ContentType.JSON)
                .body("{\"planCode\":\"%s\",\"code\":\"II\",\"nameJa\":\"again\"}".formatted(plan))
                .post("/api/v1/plan-items").then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("code"));
    }

    @Test
    void missingFieldsAndUnknownParentAreProblems() {
        given().contentType(ContentType.JSON).body("{\"planCode\":\"%s\"}".formatted(plan))
                .post("/api/v1/plan-items").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("code"))
                .body("violations.field", hasItem("nameJa"));

        given().contentType(ContentType.JSON)
                .body("{\"planCode\":\"%s\",\"code\":\"X\",\"nameJa\":\"x\",\"parentId\":\"%s\"}"
                        .formatted(plan, UUID.randomUUID()))
                .post("/api/v1/plan-items").then().statusCode(422)
                .body("violations[0].field", equalTo("parentId"));

        given().contentType(ContentType.JSON).body("{\"planCode\":\"%s\",\"code\":\"X\",\"nameJa\":\"x\",\"sortOrder\":\"first\"}"
                .formatted(plan))
                .post("/api/v1/plan-items").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sortOrder"));

        given().get("/api/v1/plan-items/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void itemOfAnUnknownPlanIsRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"planCode\":\"%s\",\"code\":\"I\",\"nameJa\":\"x\"}".formatted(PlanFixtures.randomPlanCode()))
                .post("/api/v1/plan-items").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("planCode"));
    }

    @Test
    void operationalEndpointsAnswer() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/v1/plan-items"))
                .body(org.hamcrest.Matchers.containsString("/api/v1/plans/{code}/document"));
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("kpi_outbox"));
    }

    private static String create(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .post("/api/v1/plan-items").then().statusCode(201)
                .header("Location", notNullValue())
                .extract().path("id");
    }
}
