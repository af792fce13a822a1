package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.CatalogLoader;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.events.MilestoneStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.TopicReader;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Plan execution through the packaged services: a catalog with measures is loaded, a measure gets a milestone and
 * half-year commentary, the milestone goes overdue (reporting announces it), the review of 2024-09-30 shows it, and
 * after a rebuild of reporting's read model the review comes out the same.
 */
class PlanExecutionEndToEndTest {

    private static final String PLAN = "E2E-EXEC-FY2024";
    private static final String MEASURE = "I.2.(3-1).1";

    private static SuiteUnderTest suite;
    private static CatalogLoader.Summary loaded;

    @BeforeAll
    static void loadCatalog() throws Exception {
        suite = SuiteUnderTest.shared();
        loaded = new CatalogLoader(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR),
                suite.token(LocalTokens.ADMIN))
                .load(suite.root().resolve("platform/e2e-tests/src/test/resources/catalog/plan-execution.yaml"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMilestoneGoesOverdueTheHalfYearReviewShowsItAndARebuildGivesTheSameReview() {
        assertThat(loaded.planImport().path("measures").path("created").asInt()
                + loaded.planImport().path("measures").path("unchanged").asInt()).isEqualTo(3);
        String measure = suite.as(LocalTokens.VIEWER, SuiteServices.PLAN).queryParam("planCode", PLAN)
                .queryParam("code", MEASURE).get("/api/v1/measures").then().statusCode(200).extract().path("[0].id");

        // The administrator gives the measure a milestone due at the end of August 2024 (long past: overdue).
        String milestone = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"code\":\"I.2.(3-1).1.E2E\",\"nameJa\":\"秋期試験の申込受付開始\",\"due\":\"2024-08-31\"}")
                .post("/api/v1/measures/{id}/milestones", measure).then().statusCode(201).extract().path("id");
        // The department writes its half-year commentary and says the measure is delayed; another one may not.
        suite.submitter("digital-talent", SuiteServices.PLAN).contentType(ContentType.JSON).body("""
                {"done":"秋期試験の会場選定を行った。","problems":"申込受付の開始が遅れている。",
                 "nextSteps":"１０月上旬に受付を開始する。","evidence":["https://www.ipa.go.jp/shiken/"]}""")
                .put("/api/v1/measures/{id}/commentary/H1", measure).then().statusCode(201);
        suite.submitter("digital-talent", SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"status\":\"DELAYED\"}").put("/api/v1/measures/{id}/status", measure).then().statusCode(200);
        suite.submitter("security", SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"status\":\"DONE\"}").put("/api/v1/measures/{id}/status", measure).then().statusCode(403);

        // Reporting learns it from the events: overdue in today's tree, and announced on kpi.milestone-status.v1.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath tree = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                    .queryParam("planCode", PLAN).get("/api/v1/plan-tree").then().statusCode(200).extract().jsonPath();
            Map<String, Object> m = measureOf(tree);
            assertThat(m.get("status")).isEqualTo("DELAYED");
            assertThat(((List<?>) m.get("commentary"))).hasSize(1);
            // Today both the new milestone and the initiative's (due 2025-03-31) are past due and not done.
            assertThat(((List<Map<?, ?>>) m.get("milestones")).stream().filter(x -> "I.2.(3-1).1.E2E".equals(x.get("code")))
                    .findFirst().orElseThrow().get("state")).isEqualTo("OVERDUE");
            assertThat(tree.getInt("summary.overdueMilestones")).isEqualTo(2);
        });
        var announced = TopicReader.awaitRecord(suite.kafka.bootstrapServers(), Topics.MILESTONE_STATUS,
                r -> milestone.equals(r.key()) && r.value().contains(MilestoneStatusEvent.OVERDUE), Duration.ofSeconds(30));
        assertThat(announced.value()).contains("I.2.(3-1).1.E2E");

        // The half-year review: as of 2024-09-30, as recorded now.
        JsonPath review = suite.as(LocalTokens.ADMIN, SuiteServices.REPORTING).contentType(ContentType.JSON)
                .body("{\"name\":\"FY2024 H1\",\"fiscalYear\":2024,\"planCode\":\"" + PLAN + "\",\"asOf\":\"2024-09-30\"}")
                .put("/api/v1/reviews/{code}", "E2E-FY2024-H1").then().statusCode(201).extract().jsonPath();
        Map<String, Object> reviewed = measureOf(review.setRootPath("tree"));
        assertThat(reviewed.get("status")).isEqualTo("DELAYED");
        Map<?, ?> overdue = ((List<Map<?, ?>>) reviewed.get("milestones")).stream()
                .filter(x -> "I.2.(3-1).1.E2E".equals(x.get("code"))).findFirst().orElseThrow();
        assertThat(overdue.get("state")).isEqualTo("OVERDUE");
        assertThat(overdue.get("daysOverdue")).isEqualTo(30);
        assertThat(((List<Map<?, ?>>) reviewed.get("commentary")).get(0).get("problems")).isEqualTo("申込受付の開始が遅れている。");
        // As of 2024-09-30 the initiative's milestone (due 2025-03-31) was not due yet.
        assertThat(review.getInt("summary.overdueMilestones")).isEqualTo(1);
        String taken = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/reviews/{code}", "E2E-FY2024-H1")
                .then().statusCode(200).extract().asString();

        // BI has the same rows.
        suite.as(LocalTokens.BI, SuiteServices.REPORTING).queryParam("review", "E2E-FY2024-H1")
                .get("/api/v1/exports/plan").then().statusCode(200)
                .body("items.find { it.code == 'I.2.(3-1).1.E2E' }.status", equalTo("OVERDUE"));

        // A rebuild of reporting's read model from the topics, then the review taken again: the same.
        suite.as(LocalTokens.ADMIN, SuiteServices.REPORTING).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> !suite
                .as(LocalTokens.ADMIN, SuiteServices.REPORTING).get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));
        suite.as(LocalTokens.ADMIN, SuiteServices.REPORTING).contentType(ContentType.JSON)
                .body("{\"name\":\"FY2024 H1\",\"fiscalYear\":2024,\"planCode\":\"" + PLAN + "\",\"asOf\":\"2024-09-30\"}")
                .put("/api/v1/reviews/{code}", "E2E-FY2024-H1").then().statusCode(200).body("reproduced", equalTo(true));
        assertThat(suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/reviews/{code}", "E2E-FY2024-H1")
                .then().statusCode(200).extract().asString()).isEqualTo(taken);
    }

    /** The measure I.2.(3-1).1 in a plan tree (chapter I, section I.2, item I.2.(3-1)). */
    @SuppressWarnings("unchecked")
    /** The measure in the tree; an assertion (which an await retries) while reporting has not placed it yet. */
    private static Map<String, Object> measureOf(JsonPath tree) {
        Map<String, Object> measure;
        try {
            measure = tree.getMap("items.find { it.code == 'I' }.items.find { it.code == 'I.2' }.items"
                    + ".find { it.code == 'I.2.(3-1)' }.measures.find { it.code == '" + MEASURE + "' }");
        } catch (IllegalArgumentException notThereYet) {
            measure = null; // an item on the way is missing too
        }
        assertThat(measure).as("measure %s in the tree", MEASURE).isNotNull();
        return measure;
    }
}
