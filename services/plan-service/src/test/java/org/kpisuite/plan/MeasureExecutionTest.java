package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.kpisuite.plan.ExecutionFixtures.importDocument;
import static org.kpisuite.plan.ExecutionFixtures.measureId;
import static org.kpisuite.plan.ExecutionFixtures.milestoneId;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;
import org.kpisuite.testing.TopicReader;


import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * What a department writes about its own measures (status, milestone done dates, half-year commentary), with every
 * change kept with who and when, published, and refused with a problem naming the field when it is wrong.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class MeasureExecutionTest {

    private static final String MEASURE = "I.2.(3-1).1";



    private final String plan = randomPlanCode();
    private String measure;
    private String milestone;

    @BeforeEach
    void importPlan() {
        importDocument(plan, 2024).statusCode(201);
        measure = measureId(plan, MEASURE);
        milestone = milestoneId(plan, MEASURE, MEASURE + ".M1");
    }

    @Test
    void theOwningDepartmentSetsTheStatusAndEachChangeIsAVersionWithWhoAndWhen() throws Exception {
        status(owner(), "DELAYED").statusCode(200).header("X-Outcome", "CHANGED")
                .body("status", equalTo("DELAYED")).body("version", equalTo(2))
                .body("changedBy", equalTo("kpi-submitter.digital-talent@test"));
        status(owner(), "DELAYED").statusCode(200).header("X-Outcome", "UNCHANGED").body("version", equalTo(2));
        status(Tokens.as(Tokens.admin()), "ON_TRACK").statusCode(200).body("version", equalTo(3));

        given().get("/api/v1/measures/{id}/history", measure).then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("change", equalTo(List.of("CREATED", "STATUS", "STATUS")))
                .body("changedBy[1]", equalTo("kpi-submitter.digital-talent@test"))
                .body("state.status", equalTo(List.of("NOT_STARTED", "DELAYED", "ON_TRACK")));

        var record = TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.PLAN_EXECUTION, r -> measure.equals(r.key())
                && MeasureEvent.TYPE_UPSERTED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))
                && SuiteEvents.read(r.value(), MeasureEvent.class).version() == 3, Duration.ofSeconds(20));
        MeasureEvent event = SuiteEvents.read(record.value(), MeasureEvent.class);
        assertThat(event.status()).isEqualTo(MeasureEvent.Status.ON_TRACK);
        assertThat(event.changedBy()).isEqualTo("kpi-admin@test");
    }

    @Test
    void anotherDepartmentAndAViewerMayNotWrite() {
        Problems.expect(status(Tokens.as(Tokens.submitter("security")), "DONE"), 403, null)
                .body("detail", org.hamcrest.Matchers.containsString("digital-talent"));
        Problems.expect(given().spec(Tokens.as(Tokens.submitter("security"))).contentType(ContentType.JSON)
                .body("{\"done\":\"x\"}").put("/api/v1/measures/{id}/commentary/H1", measure).then(), 403, null);
        Problems.expect(given().spec(Tokens.as(Tokens.submitter("security"))).contentType(ContentType.JSON)
                .body("{\"doneOn\":\"2024-09-01\"}").put("/api/v1/milestones/{id}/done", milestone).then(), 403, null);
        Problems.expect(status(Tokens.as(Tokens.viewer()), "DONE"), 403, null);
        // A submitter may not edit the tree, even of its own department.
        Problems.expect(given().spec(owner()).contentType(ContentType.JSON)
                .body("{\"nameJa\":\"追加\",\"due\":\"2024-11-30\"}")
                .post("/api/v1/measures/{id}/milestones", measure).then(), 403, null);
        given().get("/api/v1/measures/{id}", measure).then().body("version", equalTo(1))
                .body("status", equalTo("NOT_STARTED"));
    }

    @Test
    void halfYearCommentaryIsKeptRevisionByRevision() throws Exception {
        String first = """
                {"done":"秋期試験の準備を完了した。","problems":"CBT会場の確保が遅れている。","nextSteps":"追加会場を契約する。",
                 "evidence":["https://www.ipa.go.jp/shiken/"]}""";
        commentary(owner(), "H1", first).statusCode(201).header("X-Outcome", "CREATED")
                .body("revision", equalTo(1)).body("recordedBy", equalTo("kpi-submitter.digital-talent@test"));
        commentary(owner(), "H1", first).statusCode(200).header("X-Outcome", "UNCHANGED").body("revision", equalTo(1));
        commentary(owner(), "H1", first.replace("追加会場を契約する。", "１１月までに追加会場を契約する。")
                .replace("}", ",\"reason\":\"期限を明記\"}")).statusCode(201).body("revision", equalTo(2))
                .body("reason", equalTo("期限を明記"));
        commentary(owner(), "FY", "{\"done\":\"年度末の振り返り\"}").statusCode(201).body("revision", equalTo(1));

        given().get("/api/v1/measures/{id}/commentary", measure).then().statusCode(200)
                .body("period", equalTo(List.of("H1", "H1", "FY")))
                .body("revision", equalTo(List.of(1, 2, 1)))
                .body("nextSteps[0]", equalTo("追加会場を契約する。"));
        given().get("/api/v1/measures/{id}", measure).then()
                .body("commentary.find { it.period == 'H1' }.revision", equalTo(2))
                .body("commentary.find { it.period == 'H1' }.evidence", equalTo(List.of("https://www.ipa.go.jp/shiken/")))
                // commentary is no new version of the measure
                .body("version", equalTo(1));

        var record = TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.PLAN_EXECUTION, r -> measure.equals(r.key())
                && CommentaryEvent.TYPE_RECORDED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))
                && SuiteEvents.read(r.value(), CommentaryEvent.class).revision() == 2, Duration.ofSeconds(20));
        CommentaryEvent event = SuiteEvents.read(record.value(), CommentaryEvent.class);
        assertThat(event.period()).isEqualTo(CommentaryEvent.ReviewPeriod.H1);
        assertThat(event.measureCode()).isEqualTo(MEASURE);
        assertThat(event.fiscalYear()).isEqualTo(2024);
    }

    @Test
    void aMilestoneIsMarkedDoneAndReopened() {
        given().get("/api/v1/milestones/{id}", milestone).then().statusCode(200)
                .body("doneOn", nullValue()).body("overdue", equalTo(true)); // due 2024-08-31, long past
        done(owner(), "\"2024-09-02\"").statusCode(200).header("X-Outcome", "CHANGED")
                .body("doneOn", equalTo("2024-09-02")).body("overdue", equalTo(false));
        done(owner(), "\"2024-09-02\"").statusCode(200).header("X-Outcome", "UNCHANGED");
        // Only an explicit null reopens it: an empty body is a mistake, not a reopening.
        Problems.expect(given().spec(owner()).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/milestones/{id}/done", milestone).then(), 400, "doneOn");
        given().get("/api/v1/milestones/{id}", milestone).then().body("doneOn", equalTo("2024-09-02"));
        done(owner(), "null").statusCode(200).body("doneOn", nullValue());
        given().get("/api/v1/measures/{id}/history", measure).then()
                .body("change", equalTo(List.of("CREATED", "MILESTONE_DONE", "MILESTONE_DONE")))
                .body("state[1].milestones[0].doneOn", equalTo("2024-09-02"));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Problems.expect(status(owner(), "FINISHED"), 400, "status");
        Problems.expect(given().spec(owner()).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/measures/{id}/status", measure).then(), 400, "status");
        Problems.expect(done(owner(), "\"2024-03-31\""), 422, "doneOn")
                .body("detail", org.hamcrest.Matchers.containsString("2024-04-01"));
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        Problems.expect(done(owner(), "\"" + tomorrow + "\""), 422, "doneOn");
        Problems.expect(done(owner(), "\"2024-02-30\""), 400, "doneOn");
        // Only a date as YYYY-MM-DD: not days since 1970, an array of fields or an instant, each read as some date.
        for (String lenient : List.of("19835", "20240421", "[2024,4,21]", "\"2024-04-21T00:00:00Z\"", "\"0000-04-21\"")) {
            Problems.expect(done(owner(), lenient), 400, "doneOn");
        }
        given().get("/api/v1/milestones/{id}", milestone).then().statusCode(200).body("doneOn", nullValue());
        Problems.expect(commentary(owner(), "Q3", "{\"done\":\"x\"}"), 400, "period");
        Problems.expect(commentary(owner(), "H1", "{\"done\":\"  \",\"problems\":null}"), 422, "done");
        Problems.expect(commentary(owner(), "H1", "{\"done\":\"x\",\"evidence\":[\"https://ok.example/a\","
                + "\"javascript:alert(1)\"]}"), 422, "evidence[1]");
        Problems.expect(given().contentType(ContentType.JSON).body("{\"nameJa\":\"前年度\",\"due\":\"2023-12-31\"}")
                .post("/api/v1/measures/{id}/milestones", measure).then(), 422, "due");
        Problems.expect(given().contentType(ContentType.JSON)
                .body("{\"code\":\"I.1.IMP1.M1\",\"nameJa\":\"重複\",\"due\":\"2024-12-31\"}")
                .post("/api/v1/measures/{id}/milestones", measure).then(), 409, "code");
        Problems.expect(given().put("/api/v1/measures/{id}/status", "not-a-uuid").then(), 400, "id");
        status(owner(), "DONE").statusCode(200);
        given().get("/api/v1/measures/{id}/commentary", measure).then().body("size()", equalTo(0));
    }

    /** Text made only of invisible characters (a zero-width space, a BOM, a word joiner) says nothing, as blank text. */
    @Test
    void invisibleTextIsBlank() {
        Problems.expect(commentary(owner(), "H1", "{\"done\":\"\u200B\",\"problems\":\"\uFEFF\u2060\"}"), 422,
                "done");
        Problems.expect(given().contentType(ContentType.JSON)
                .body("{\"nameJa\":\"\u200B\u200C\",\"due\":\"2024-12-31\"}")
                .post("/api/v1/measures/{id}/milestones", measure).then(), 400, "nameJa");
        String invisibleItem = ExecutionFixtures.document(2024).replace("\"nameJa\":\"デジタル人材の育成推進\"",
                "\"nameJa\":\"\u200D\u3000\"");
        Problems.expect(given().contentType(ContentType.JSON).body(invisibleItem)
                .put("/api/v1/plans/{code}/document", randomPlanCode()).then(), 400, "items[0].items[1].nameJa");
        given().get("/api/v1/measures/{id}/commentary", measure).then().body("size()", equalTo(0));
    }

    /** A link to an internationalised host (例え.jp) is a link; one with credentials in it is not. */
    @Test
    void aLinkToAnInternationalisedHostIsALink() {
        Problems.expect(commentary(owner(), "H1", "{\"done\":\"x\",\"evidence\":[\"https://user:pw@例え.jp/\"]}"),
                422, "evidence[0]");
        commentary(owner(), "H1", "{\"done\":\"着手\",\"evidence\":[\"https://例え.jp/資料\"]}").statusCode(201)
                .body("evidence[0]", equalTo("https://例え.jp/資料"));
    }

    @Test
    void aMeasureWithCommentaryIsDroppedNotDeleted() {
        commentary(owner(), "H1", "{\"done\":\"着手\"}").statusCode(201);
        Problems.expect(given().delete("/api/v1/measures/{id}", measure).then(), 409, "id")
                .body("detail", org.hamcrest.Matchers.containsString("DROPPED"));
        String parent = measureId(plan, "I.1.(1).1");
        Problems.expect(given().delete("/api/v1/measures/{id}", parent).then(), 409, "id")
                .body("detail", org.hamcrest.Matchers.containsString("I.1.(1).1.a"));
        String leaf = measureId(plan, "I.1.(1).1.b");
        given().delete("/api/v1/measures/{id}", leaf).then().statusCode(204);
        given().get("/api/v1/measures/{id}", leaf).then().statusCode(404);
        TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.PLAN_EXECUTION, r -> leaf.equals(r.key())
                && MeasureEvent.TYPE_REMOVED.equals(TopicReader.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(20));
    }

    private RequestSpecification owner() {
        return Tokens.as(Tokens.submitter("digital-talent"));
    }

    private ValidatableResponse status(RequestSpecification who, String status) {
        return given().spec(who).contentType(ContentType.JSON).body("{\"status\":\"" + status + "\"}")
                .put("/api/v1/measures/{id}/status", measure).then();
    }

    private ValidatableResponse commentary(RequestSpecification who, String period, String body) {
        return given().spec(who).contentType(ContentType.JSON).body(body)
                .put("/api/v1/measures/{id}/commentary/{period}", measure, period).then();
    }

    private ValidatableResponse done(RequestSpecification who, String doneOn) {
        return given().spec(who).contentType(ContentType.JSON).body("{\"doneOn\":" + doneOn + "}")
                .put("/api/v1/milestones/{id}/done", milestone).then();
    }
}
