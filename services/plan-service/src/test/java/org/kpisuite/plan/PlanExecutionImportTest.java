package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.kpisuite.plan.ExecutionFixtures.importDocument;
import static org.kpisuite.plan.ExecutionFixtures.measureId;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;


import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A plan document with measures, initiatives and milestones: imported once, again unchanged, a later year apart. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanExecutionImportTest {



    private final String plan = randomPlanCode();

    @Test
    void measuresInitiativesAndMilestonesAreImportedInPlanOrderAndPublished() throws Exception {
        importDocument(plan, 2024).statusCode(201)
                .body("measures.created", equalTo(6))
                .body("milestones.created", equalTo(3))
                .body("measures.notInDocument", empty());

        JsonPath measures = given().queryParam("planCode", plan).get("/api/v1/measures").then().statusCode(200)
                .extract().jsonPath();
        assertThat(measures.getList("code", String.class)).containsExactly("I.1.(1).1", "I.1.(1).1.a", "I.1.(1).1.b",
                "I.1.(1).2", "I.1.IMP1", "I.2.(3-1).1");
        assertThat(measures.getString("find { it.code == 'I.1.IMP1' }.kind")).isEqualTo("INITIATIVE");
        assertThat(measures.getList("find { it.code == 'I.1.IMP1' }.concerns")).containsExactly("I.1.(1)");
        assertThat(measures.getString("find { it.code == 'I.1.IMP1' }.planItemCode")).isEqualTo("I.1");
        assertThat(measures.getString("find { it.code == 'I.1.(1).1.b' }.parentId"))
                .isEqualTo(measures.getString("find { it.code == 'I.1.(1).1' }.id"));
        assertThat(measures.getInt("find { it.code == 'I.1.(1).1.b' }.sortOrder")).isEqualTo(2);
        assertThat(measures.getString("find { it.code == 'I.1.(1).1.a' }.titleJa")).isEqualTo("自律移動ロボット関連");
        assertThat(measures.getList("status", String.class)).containsOnly("NOT_STARTED");
        assertThat(measures.getString("find { it.code == 'I.2.(3-1).1' }.milestones[0].due")).isEqualTo("2024-08-31");
        assertThat(measures.getString("find { it.code == 'I.2.(3-1).1' }.department")).isEqualTo("digital-talent");

        // Each measure's state is on the plan-execution log, milestones included.
        String id = measureId(plan, "I.2.(3-1).1");
        var record = TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.PLAN_EXECUTION, r -> id.equals(r.key()),
                Duration.ofSeconds(20));
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(MeasureEvent.TYPE_UPSERTED);
        MeasureEvent event = SuiteEvents.read(record.value(), MeasureEvent.class);
        assertThat(event.fiscalYear()).isEqualTo(2024);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.milestones()).extracting(MeasureEvent.Milestone::code).containsExactly("I.2.(3-1).1.M1");
        assertThat(event.status()).isEqualTo(MeasureEvent.Status.NOT_STARTED);

        // Its item's event says which agency's plan of which year it is in: reporting tells another year's plan by it.
        String itemId = measures.getString("find { it.code == 'I.2.(3-1).1' }.planItemId");
        var item = SuiteEvents.read(TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.PLAN_ITEMS,
                r -> itemId.equals(r.key()), Duration.ofSeconds(20)).value(), org.kpisuite.events.PlanItemEvent.class);
        assertThat(item.agency()).isEqualTo("IPA");
        assertThat(item.fiscalYear()).isEqualTo(2024);
    }

    @Test
    void importingAgainChangesNothingAndKeepsWhatDepartmentsWrote() {
        importDocument(plan, 2024).statusCode(201);
        String id = measureId(plan, "I.2.(3-1).1");
        given().contentType(ContentType.JSON).body("{\"status\":\"DELAYED\"}").put("/api/v1/measures/{id}/status", id)
                .then().statusCode(200);
        String milestone = ExecutionFixtures.milestoneId(plan, "I.2.(3-1).1", "I.2.(3-1).1.M1");
        given().contentType(ContentType.JSON).body("{\"doneOn\":\"2024-09-02\"}")
                .put("/api/v1/milestones/{id}/done", milestone).then().statusCode(200);
        // A milestone added through the API is not in the document: kept and reported.
        given().contentType(ContentType.JSON).body("{\"nameJa\":\"追加の成果物\",\"due\":\"2024-11-30\"}")
                .post("/api/v1/measures/{id}/milestones", id).then().statusCode(201)
                .body("code", equalTo("I.2.(3-1).1.M2"));

        importDocument(plan, 2024).statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0))
                .body("measures.created", equalTo(0)).body("measures.updated", equalTo(0))
                .body("measures.unchanged", equalTo(6))
                .body("milestones.created", equalTo(0)).body("milestones.updated", equalTo(0))
                .body("milestones.unchanged", equalTo(3))
                .body("milestones.notInDocument", equalTo(List.of("I.2.(3-1).1.M2")));

        given().get("/api/v1/measures/{id}", id).then().statusCode(200)
                .body("status", equalTo("DELAYED"))
                .body("version", equalTo(4))
                .body("milestones.doneOn", equalTo(java.util.Arrays.asList("2024-09-02", null)));
        given().queryParam("planCode", plan).queryParam("kind", "MEASURE").get("/api/v1/measures").then()
                .body("findAll { it.code != 'I.2.(3-1).1' }.version", everyItem(equalTo(1)));
    }

    @Test
    void aLaterYearsPlanLeavesTheEarlierTreeAsItIs() {
        importDocument(plan, 2024).statusCode(201);
        String before = given().queryParam("planCode", plan).get("/api/v1/measures").then().extract().asString();
        String items = given().get("/api/v1/plans/{code}", plan).then().extract().asString();

        String next = randomPlanCode();
        importDocument(next, 2025).statusCode(201).body("measures.created", equalTo(6));

        assertThat(given().queryParam("planCode", plan).get("/api/v1/measures").then().extract().asString())
                .isEqualTo(before);
        assertThat(given().get("/api/v1/plans/{code}", plan).then().extract().asString()).isEqualTo(items);
        given().queryParam("planCode", next).queryParam("code", "I.1.IMP1").get("/api/v1/measures").then()
                .body("[0].milestones[0].due", equalTo("2025-12-31"));
    }

    @Test
    void theDocumentsMeasureRulesAreCheckedBeforeAnythingIsWritten() {
        String document = ExecutionFixtures.document(2024)
                .replace("\"concerns\":[\"I.1.(1)\"]", "\"concerns\":[\"I.1.(1)\",\"I.9\"]")
                .replace("\"due\":\"2024-08-31\"", "\"due\":\"2024-03-31\"")
                .replace("\"code\":\"I.1.(1).2\"", "\"code\":\"I.1.(1).1\"");
        Problems.expect(given().contentType(ContentType.JSON).body(document)
                .put("/api/v1/plans/{code}/document", plan).then(), 422, null)
                .body("violations", org.hamcrest.Matchers.hasSize(3))
                .body("violations.field", org.hamcrest.Matchers.hasItems(
                        "items[0].items[0].initiatives[0].concerns[1]",
                        "items[0].items[0].items[0].measures[1].code",
                        "items[0].items[1].items[0].measures[0].milestones[0].due"));
        given().get("/api/v1/plans/{code}", plan).then().statusCode(404);

        Map<String, Object> missing = Map.of("agency", "IPA", "fiscalYear", 2024, "nameJa", "計画", "items", List.of(
                Map.of("code", "I", "nameJa", "章", "measures", List.of(Map.of("code", "I.1", "department", "x")))));
        Problems.expect(given().contentType(ContentType.JSON).body(missing)
                .put("/api/v1/plans/{code}/document", plan).then(), 400, "items[0].measures[0].textJa");
    }

    /**
     * A due date beyond the years the suite plans for is refused as the API refuses it (MeasureRules.checkDue, 422),
     * and one beyond the years 0001–9999 is no date of a body at all (400), never passed to the database, which holds
     * no date after 5874897 AD.
     */
    @ParameterizedTest
    @CsvSource({ "+999999999-12-31, 400", "+10000-01-01, 400", "2101-04-01, 422" })
    void aMilestoneDueBeyondThePlannedYearsIsRefused(String due, int status) {
        String document = ExecutionFixtures.document(2024).replace("\"due\":\"2024-08-31\"", "\"due\":\"" + due + "\"");
        Problems.expect(given().contentType(ContentType.JSON).body(document)
                .put("/api/v1/plans/{code}/document", plan).then(), status,
                "items[0].items[1].items[0].measures[0].milestones[0].due");
        given().get("/api/v1/plans/{code}", plan).then().statusCode(404);
    }

    @Test
    void anItemWithMeasuresCannotBeDeleted() {
        importDocument(plan, 2024).statusCode(201);
        String item = given().queryParam("planCode", plan).get("/api/v1/plan-items").then().extract()
                .path("find { it.code == 'I.2.(3-1)' }.id");
        Problems.expect(given().delete("/api/v1/plan-items/{id}", item).then(), 409, "id")
                .body("detail", org.hamcrest.Matchers.containsString("I.2.(3-1).1"));
    }
}
