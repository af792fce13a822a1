package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.kpisuite.plan.ExecutionFixtures.importDocument;
import static org.kpisuite.plan.ExecutionFixtures.measureId;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A measure with lettered sub-measures stays a numbered measure of its plan item, whichever write would change that
 * (a PUT, a plan document import): the sub-measures would otherwise keep a parent of another item, a sub-measure or
 * an initiative as parent, and the reports would place them elsewhere than the plan service does.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class SubMeasurePlacementTest {

    private static final String PARENT = "I.1.(1).1";

    private final String plan = randomPlanCode();
    private String parent;

    @BeforeEach
    void importPlan() {
        importDocument(plan, 2024).statusCode(201);
        parent = measureId(plan, PARENT);
    }

    @Test
    void aMeasureWithSubMeasuresCannotLeaveItsItemNorBecomeASubMeasureOrAnInitiative() {
        Problems.expect(put(parent, body(PARENT, "MEASURE", item("I.1"), null)), 409, "planItemId")
                .body("detail", containsString("I.1.(1).1.a, I.1.(1).1.b"));
        Problems.expect(put(parent, body(PARENT, "MEASURE", item("I.1.(1)"), measureId(plan, "I.1.(1).2"))), 409,
                "parentId");
        Problems.expect(put(parent, body(PARENT, "INITIATIVE", item("I.1.(1)"), null)), 409, "kind");
        Problems.expect(given().delete("/api/v1/measures/{id}", parent).then(), 409, "id");

        given().get("/api/v1/measures/{id}", parent).then().body("kind", equalTo("MEASURE"))
                .body("planItemCode", equalTo("I.1.(1)")).body("parentId", nullValue()).body("version", equalTo(1));
        given().get("/api/v1/measures/{id}", measureId(plan, "I.1.(1).1.a")).then()
                .body("planItemCode", equalTo("I.1.(1)")).body("parentId", equalTo(parent));

        // Its own text may change; and once its sub-measures are gone, it may move.
        Map<String, Object> edited = body(PARENT, "MEASURE", item("I.1.(1)"), null);
        edited.put("textJa", "改訂した本文");
        put(parent, edited).statusCode(200).body("textJa", equalTo("改訂した本文"));
        for (String sub : List.of("I.1.(1).1.a", "I.1.(1).1.b")) {
            given().delete("/api/v1/measures/{id}", measureId(plan, sub)).then().statusCode(204);
        }
        put(parent, body(PARENT, "MEASURE", item("I.1"), null)).statusCode(200).body("planItemCode", equalTo("I.1"));
    }

    @Test
    void anImportMayNotLeaveASubMeasureItDoesNotMentionUnderAMovedParent() {
        String numbered = measureId(plan, "I.2.(3-1).1");
        Map<String, Object> sub = body("I.2.(3-1).1.a", "MEASURE", item("I.2.(3-1)"), numbered);
        given().contentType(ContentType.JSON).body(sub).post("/api/v1/measures").then().statusCode(201);

        String asInitiative = ExecutionFixtures.document(2024).replaceFirst(
                "(\"nameJa\":\"情報処理技術者試験の実施等\",\\s*)\"measures\"", "$1\"initiatives\"");
        assertThat(asInitiative).isNotEqualTo(ExecutionFixtures.document(2024));
        Problems.expect(given().contentType(ContentType.JSON).body(asInitiative)
                .put("/api/v1/plans/{code}/document", plan).then(), 409, "items[0].items[1].items[0].initiatives[0]")
                .body("detail", containsString("I.2.(3-1).1.a"));
        given().get("/api/v1/measures/{id}", numbered).then().body("kind", equalTo("MEASURE"))
                .body("version", equalTo(1));

        // Left where it is, the parent keeps its sub-measure, which the import reports as not in the document.
        importDocument(plan, 2024).statusCode(200)
                .body("measures.notInDocument", equalTo(List.of("I.2.(3-1).1.a")));
    }

    @Test
    void addingASubMeasureAndMovingItsParentDoNotInterleave() {
        String numbered = measureId(plan, "I.1.(1).2");
        String from = item("I.1.(1)");
        String to = item("I.1");
        // Their own threads, released together: the common pool runs one task at a time on two cores.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Map<String, Object> sub = body("I.1.(1).2." + round, "MEASURE", from, numbered);
                String target = round % 2 == 0 ? to : from;
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                CompletableFuture<Integer> add = CompletableFuture.supplyAsync(() -> {
                    waitFor(start);
                    return given().contentType(ContentType.JSON).body(sub).post("/api/v1/measures").then().extract()
                            .statusCode();
                }, pool);
                CompletableFuture<Integer> move = CompletableFuture.supplyAsync(() -> {
                    waitFor(start);
                    return put(numbered, body("I.1.(1).2", "MEASURE", target, null)).extract().statusCode();
                }, pool);
                start.countDown();
                assertThat(add.join()).as("round %d: the sub-measure", round).isIn(201, 409, 422);
                assertThat(move.join()).as("round %d: the move", round).isIn(200, 409);
                roundEndsWithEverySubMeasureOnItsParentsItem(numbered, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitFor(java.util.concurrent.CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void roundEndsWithEverySubMeasureOnItsParentsItem(String numbered, int round) {
        String parentItem = given().get("/api/v1/measures/{id}", numbered).then().extract().path("planItemId");
        List<String> subItems = given().queryParam("planCode", plan).get("/api/v1/measures").then().extract()
                .path("findAll { it.parentId == '" + numbered + "' }.planItemId");
        assertThat(subItems).as("round %d", round).allMatch(parentItem::equals);
    }

    private ValidatableResponse put(String id, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/measures/{id}", id).then();
    }

    private Map<String, Object> body(String code, String kind, String planItemId, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("planCode", plan);
        body.put("code", code);
        body.put("kind", kind);
        body.put("planItemId", planItemId);
        body.put("parentId", parentId);
        body.put("marker", "①");
        body.put("textJa", "５領域におけるアーキテクチャ設計を実施する。");
        body.put("nameEn", "Architecture design in five domains");
        body.put("department", "architecture");
        body.put("sortOrder", 1);
        return body;
    }

    private String item(String code) {
        return given().queryParam("planCode", plan).get("/api/v1/plan-items").then().statusCode(200).extract()
                .path("find { it.code == '" + code + "' }.id");
    }
}
