package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.MeasurementApprovalEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.security.Roles;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;
import org.kpisuite.testing.TopicReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The review of values: the approvers' queue (flagged values first, then the oldest), approving and returning with
 * every step kept and published, a correction that needs approval again, and the refusals, none of which keeps
 * anything.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ApprovalTest extends OwnIndicatorTests {

    private static final String[] HISTORY = { "100", "104", "98", "101", "97", "103" };
    private final String approverName = "approver-" + System.nanoTime();
    private final String approver = Tokens.forSubject(approverName, Roles.APPROVER, BatchIndicators.DEPARTMENT);

    @BeforeEach
    void sixMonthsAndAnOutlier() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < HISTORY.length; i++) {
            rows.add(BatchIndicators.row(code, null, "2024-0" + (i + 1), HISTORY[i], null));
        }
        rows.add(BatchIndicators.row(code, null, "2024-07", "1000", null));
        given().contentType(ContentType.JSON).body(BatchIndicators.batch("ATOMIC", false, rows))
                .post("/api/v1/measurements/batch").then().statusCode(200).body("created", equalTo(7));
    }

    @Test
    void valuesAreApprovedOrReturnedStepByStepAndACorrectionWaitsAgain() {
        // The queue: the outlier first; every value of the department is provisional until decided on.
        JsonPath queue = queue(approver, "PROVISIONAL");
        List<Map<String, Object>> ours = queue.<Map<String, Object>>getList("").stream()
                .filter(v -> code.equals(((Map<?, ?>) v.get("key")).get("indicatorCode"))).toList();
        // The seven months above and the value by which the fixture saw ingestion know the indicator.
        assertThat(ours).hasSize(8);
        assertThat(((Map<?, ?>) ours.get(0).get("key")).get("month")).isEqualTo("2024-07");
        assertThat(ours.get(0).get("flags")).isEqualTo(List.of("OUTLIER"));
        List<Boolean> flagged = queue.<List<?>>getList("flags").stream().map(f -> !f.isEmpty()).toList();
        assertThat(flagged).as("flagged values come first").isSortedAccordingTo((a, b) -> Boolean.compare(b, a));

        // Refused whole: a return without comment, another department's approver, a revision no longer in force.
        Problems.expect(decide(approver, decision("2024-01", 1, "APPROVED", null), decision("2024-02", 1, "RETURNED", " ")),
                422, "decisions[1].comment");
        Problems.expect(decide(Tokens.of(Roles.APPROVER, "security"), decision("2024-01", 1, "APPROVED", null)), 403,
                "decisions[0].department");
        Problems.expect(decide(Tokens.of(Roles.SUBMITTER, BatchIndicators.DEPARTMENT),
                decision("2024-01", 1, "APPROVED", null)), 403, null);
        Problems.expect(decide(approver, decision("2024-01", 2, "APPROVED", null)), 409, "decisions[0].revision");
        Problems.expect(decide(approver, decision("2023-01", 1, "APPROVED", null)), 404, "decisions[0]");
        Problems.expect(decide(approver, decision("2024-13", 1, "APPROVED", null)), 400, "decisions[0].period");
        Problems.expect(decide(approver, decision("2024-01", 1, "MAYBE", null)), 400, null);
        Problems.expect(given().spec(Tokens.as(approver)).contentType(ContentType.JSON).body("{\"decisions\":[]}")
                .post("/api/v1/approvals").then(), 400, "decisions");
        assertThat(steps("2024-01")).isEmpty();

        // A closed month is locked: no decision on its values until it is reopened.
        given().contentType(ContentType.JSON).body("{\"month\":\"2024-03\",\"indicatorCode\":\"" + code + "\"}")
                .post("/api/v1/periods/close").then().statusCode(201);
        Problems.expect(decide(approver, decision("2024-03", 1, "APPROVED", null)), 409, "decisions[0].period")
                .body("detail", containsString("closed"));
        assertThat(steps("2024-03")).isEmpty();

        // Approved and returned; the same decision again is no new step.
        decide(approver, decision("2024-01", 1, "APPROVED", null), decision("2024-02", 1, "RETURNED", "桁を確認してください"))
                .statusCode(200).body("outcome", equalTo(List.of("RECORDED", "RECORDED"))).body("step", equalTo(List.of(1, 1)));
        decide(approver, decision("2024-01", 1, "APPROVED", null)).statusCode(200)
                .body("outcome", equalTo(List.of("UNCHANGED")));
        assertThat(monthsOf(queue(approver, "PROVISIONAL"))).doesNotContain("2024-01", "2024-02").contains("2024-03");
        assertThat(monthsOf(queue(Tokens.of(Roles.SUBMITTER, BatchIndicators.DEPARTMENT), "RETURNED")))
                .containsExactly("2024-02");

        // A correction of the approved value is revision 2, provisional again; revision 1's approval stays on record.
        given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, "2024-01", "110", "recount"))
                .post("/api/v1/measurements").then().statusCode(201);
        assertThat(monthsOf(queue(approver, "PROVISIONAL"))).contains("2024-01");
        Problems.expect(decide(approver, decision("2024-01", 1, "APPROVED", null)), 409, "decisions[0].revision");
        decide(approver, decision("2024-01", 2, "APPROVED", null)).statusCode(200).body("step[0]", equalTo(2));
        List<Map<String, Object>> steps = steps("2024-01");
        assertThat(steps).extracting(s -> s.get("revision")).containsExactly(1, 2);
        assertThat(steps).extracting(s -> s.get("decidedBy")).containsOnly(approverName);

        // Each step went out on the measurements topic, after the revision it decides on.
        var record = TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, r -> code.equals(r.key())
                && MeasurementApprovalEvent.TYPE_DECIDED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))
                && SuiteEvents.read(r.value(), MeasurementApprovalEvent.class).step() == 2, SuiteEvents.WAIT);
        MeasurementApprovalEvent event = SuiteEvents.read(record.value(), MeasurementApprovalEvent.class);
        assertThat(event.period()).isEqualTo("2024-01");
        assertThat(event.revision()).isEqualTo(2);
        assertThat(event.decision()).isEqualTo(MeasurementApprovalEvent.Decision.APPROVED);
    }

    private ValidatableResponse decide(String token, String... decisions) {
        return given().spec(Tokens.as(token)).contentType(ContentType.JSON)
                .body("{\"decisions\":[" + String.join(",", decisions) + "]}").post("/api/v1/approvals").then();
    }

    private String decision(String period, int revision, String decision, String comment) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("indicatorCode", code, "department",
                BatchIndicators.DEPARTMENT, "period", period, "revision", revision, "decision", decision));
        if (comment != null) {
            body.put("comment", comment);
        }
        return SuiteEvents.json(body);
    }

    private JsonPath queue(String token, String state) {
        return given().spec(Tokens.as(token)).queryParam("state", state).queryParam("limit", 1000)
                .get("/api/v1/approvals/queue").then().statusCode(200).extract().jsonPath();
    }

    private List<String> monthsOf(JsonPath queue) {
        return queue.<Map<String, Object>>getList("").stream().map(v -> (Map<?, ?>) v.get("key"))
                .filter(k -> code.equals(k.get("indicatorCode"))).map(k -> (String) k.get("month")).toList();
    }

    private List<Map<String, Object>> steps(String period) {
        return given().queryParam("indicatorCode", code).queryParam("department", BatchIndicators.DEPARTMENT)
                .queryParam("period", period).get("/api/v1/approvals/steps").then().statusCode(200).extract()
                .jsonPath().getList("");
    }
}
