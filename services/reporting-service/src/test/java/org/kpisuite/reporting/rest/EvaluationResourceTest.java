package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.EvaluationEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.security.Roles;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;
import org.kpisuite.testing.TopicReader;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The self-evaluation of a plan's evaluation items, from a plan, indicators, values and measures published as the
 * other services publish them: the proposal, the rules a grade's rationale follows, the versions and their event, the
 * minister's grade, versions restored from the topic by a rebuild, and the report as JSON, a workbook and a PDF, read
 * back.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class EvaluationResourceTest {

    @Inject
    AgroalDataSource dataSource;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String plan = "EV-" + suffix;
    private final String agency = "AG-" + suffix;
    private final String reached = "ev-reached-" + suffix;
    private final String missed = "ev-missed-" + suffix;
    private final UUID chapterI = UUID.randomUUID();
    private final UUID sectionI1 = UUID.randomUUID();
    private final UUID sectionI2 = UUID.randomUUID();
    private final UUID chapterII = UUID.randomUUID();
    private final UUID itemII1 = UUID.randomUUID();

    @Test
    void gradesAreRecordedAgainstTheProposalAndTheReportCarriesThemWithTheFiguresBehind() throws Exception {
        publishPlan();
        // 130 of 100 (130 %) and 180 of 200 (90 %): a mean of 110 %, B.
        // Values and measures arrive on topics of their own: wait for both.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath ready = report(null);
            assertThat(ready.getString("items.find { it.code == 'I.1' }.proposedGrade")).isEqualTo("B");
            assertThat(ready.getList("items.code")).containsExactly("I.1", "I.2", "II");
        });
        JsonPath before = report(null);
        assertThat(before.getList("items.code")).containsExactly("I.1", "I.2", "II");
        assertThat(before.getString("items[0].meanAchievement")).isEqualTo("1.1");
        assertThat(before.getList("items[0].indicators.code")).containsExactlyInAnyOrder(reached, missed);
        assertThat(before.getString("items[1].proposedGrade")).as("I.2 has measures only").isNull();
        assertThat(before.getString("items[1].measures[0].problems")).isEqualTo("人員が不足");
        assertThat(before.getInt("items[2].measureStatuses.DELAYED")).isEqualTo(1);
        assertThat(before.getString("planNameJa")).isEqualTo(agency + " 令和6年度計画");
        // The corrected August value is the revision in force; the first one is not listed.
        assertThat(before.getList("revisions.findAll { it.indicatorCode == '" + reached + "' }.revision"))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(before.getString("revisions.find { it.period == '2024-08' }.value")).isEqualTo("70");

        // Refused, each with the field and the reason, and nothing recorded.
        Problems.expect(self("I.1", "{\"grade\":\"A\"}"), 422, "rationale").body("detail",
                containsString("differs from the proposed B"));
        Problems.expect(self("I.1", "{\"grade\":\"S\",\"rationale\":\"  \"}"), 422, "rationale");
        Problems.expect(self("I.2", "{\"grade\":\"B\"}"), 422, "rationale").body("detail",
                containsString("no rated indicator"));
        Problems.expect(self("I.1", "{\"grade\":\"E\"}"), 400, "grade");
        Problems.expect(self("I.1", "{\"grade\":\"b\"}"), 400, "grade");
        Problems.expect(self("I.1", "{}"), 400, "grade");
        Problems.expect(self("I.1", "{\"grade\":\"B\",\"rationale\":\"" + "長".repeat(4001) + "\"}"), 400, "rationale");
        Problems.expect(self("I.1", "[]"), 400, null);
        Problems.expect(self("I.9", "{\"grade\":\"B\"}"), 404, null).body("detail", containsString("I.1, I.2, II"));
        given().queryParam("planCode", plan).get("/api/v1/evaluations/2024/items/I.1/versions").then().statusCode(404);
        Problems.expect(minister("I.1", "{\"grade\":\"B\"}"), 409, "itemCode");
        Problems.expect(given().spec(Tokens.as(Tokens.of(Roles.EVALUATOR, null))).contentType(ContentType.JSON)
                .queryParam("planCode", plan).body("{\"grade\":\"B\",\"rationale\":\"x\"}")
                .put("/api/v1/evaluations/2025/items/I.1/self").then(), 422, "planCode")
                .body("detail", containsString("FY2024"));
        // On the official figures nothing is approved yet, so nothing is proposed and B needs its reasons too.
        Problems.expect(given().spec(Tokens.as(Tokens.of(Roles.EVALUATOR, null))).contentType(ContentType.JSON)
                .queryParam("planCode", plan).queryParam("official", true).body("{\"grade\":\"B\"}")
                .put("/api/v1/evaluations/2024/items/I.1/self").then(), 422, "rationale")
                .body("detail", containsString("no rated indicator"));

        // The proposal needs no rationale; the same again is no new version; A, above it, needs one.
        self("I.1", "{\"grade\":\"B\"}").statusCode(201).body("version", equalTo(1)).body("proposedGrade", equalTo("B"));
        self("I.1", "{\"grade\":\"B\"}").statusCode(200).body("version", equalTo(1));
        String why = "目標を上回る成果を上げた。\n特に年度後半に利用が伸びた。";
        self("I.1", json("A", why)).statusCode(201).body("version", equalTo(2)).body("rationale", equalTo(why));
        self("II", json("C", "遅延あり")).statusCode(201);
        given().spec(Tokens.as(Tokens.of(Roles.EVALUATOR, null))).contentType(ContentType.JSON)
                .queryParam("planCode", plan).body("{\"grade\":\"B\"}").put("/api/v1/evaluations/2024/items/I.1/minister")
                .then().statusCode(403);
        minister("I.1", "{\"grade\":\"B\",\"comment\":\"概ね計画どおり\"}").statusCode(201).body("version", equalTo(3))
                .body("selfGrade", equalTo("A")).body("ministerGrade", equalTo("B"));

        List<EvaluationEvent> versions = List.of(given().queryParam("planCode", plan)
                .get("/api/v1/evaluations/2024/items/I.1/versions").then().statusCode(200).extract()
                .as(EvaluationEvent[].class));
        assertThat(versions).extracting(EvaluationEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(versions).extracting(EvaluationEvent::selfGrade).containsExactly("B", "A", "A");
        var record = TopicReader.awaitRecord(SuiteEvents.bootstrapServers(), Topics.EVALUATIONS,
                r -> (plan + "/2024/I.1").equals(r.key()) && SuiteEvents.read(r.value(), EvaluationEvent.class).version() == 3,
                Duration.ofSeconds(30));
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(EvaluationEvent.TYPE_RECORDED);
        assertThat(SuiteEvents.read(record.value(), EvaluationEvent.class).ministerComment()).isEqualTo("概ね計画どおり");

        // Lost from reporting's database (restored from an older backup, say), the versions come back from
        // kpi.evaluations.v1 with a rebuild of the read model.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from item_evaluation where plan_code = ?")) {
            delete.setString(1, plan);
            delete.executeUpdate();
        }
        given().queryParam("planCode", plan).get("/api/v1/evaluations/2024/items/I.1/versions").then().statusCode(404);
        given().post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> !given().get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));
        assertThat(List.of(given().queryParam("planCode", plan).get("/api/v1/evaluations/2024/items/I.1/versions").then()
                .statusCode(200).extract().as(EvaluationEvent[].class))).isEqualTo(versions);

        // Today's report has the grades; yesterday's, as recorded by its end, has none, and is the same taken twice.
        JsonPath now = report(null);
        assertThat(now.getString("items[0].self.grade")).isEqualTo("A");
        assertThat(now.getInt("items[0].self.version")).isEqualTo(2);
        assertThat(now.getString("items[0].self.proposedGrade")).isEqualTo("B");
        assertThat(now.getString("items[0].minister.grade")).isEqualTo("B");
        assertThat(now.getMap("gradeCounts")).containsEntry("A", 1).containsEntry("C", 1).containsEntry("NONE", 1);
        String yesterday = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1).toString();
        String past = given().queryParam("planCode", plan).queryParam("asOf", yesterday).get("/api/v1/evaluations/2024")
                .then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(past).getString("items[0].self")).isNull();
        assertThat(given().queryParam("planCode", plan).queryParam("asOf", yesterday).get("/api/v1/evaluations/2024")
                .then().extract().asString()).isEqualTo(past);
        Problems.expect(given().queryParam("planCode", plan).queryParam("asOf", "2099-01-01")
                .get("/api/v1/evaluations/2024").then(), 422, "asOf");
        Problems.expect(given().queryParam("planCode", plan).queryParam("format", "docx")
                .get("/api/v1/evaluations/2024").then(), 400, "format");
        // An Accept that takes none of the report's formats is one 406 naming it, whether the framework refuses it
        // (no format matches a range) or the report does (every range at q=0); the highest quality is chosen.
        for (String accept : List.of("text/csv", "*/*;q=0", "application/json;q=0, application/*;q=0")) {
            Problems.expect(given().queryParam("planCode", plan).header("Accept", accept)
                    .get("/api/v1/evaluations/2024").then(), 406, "Accept")
                    .body("type", endsWith("/not-acceptable"));
        }
        given().queryParam("planCode", plan).header("Accept", "application/json;q=0.2, " + EvaluationResource.XLSX
                + ";q=0.9, application/pdf;q=0.5").get("/api/v1/evaluations/2024").then().statusCode(200)
                .contentType(EvaluationResource.XLSX);

        // The workbook, chosen by the Accept header: the summary row and the revisions, as numbers.
        byte[] xlsx = given().queryParam("planCode", plan).accept(EvaluationResource.XLSX).get("/api/v1/evaluations/2024")
                .then().statusCode(200).contentType(EvaluationResource.XLSX)
                .header("Content-Disposition", containsString(".xlsx")).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var summary = workbook.getSheetAt(0);
            Row i1 = rowStartingWith(summary, "I.1");
            assertThat(text(i1, 2)).isEqualTo("B");
            assertThat(i1.getCell(3).getNumericCellValue()).isEqualTo(1.1);
            assertThat(text(i1, 4)).isEqualTo("A");
            assertThat(text(i1, 5)).isEqualTo("B");
            var revisions = workbook.getSheetAt(2);
            Row august = rowStartingWith(revisions, reached, "2024-08");
            assertThat(august.getCell(5).getNumericCellValue()).isEqualTo(2);
            assertThat(august.getCell(6).getNumericCellValue()).isEqualTo(70);
        }

        // The PDF, in English where asked: names, grades, the rationale and the revisions' appendix are in its text.
        byte[] pdf = given().queryParam("planCode", plan).queryParam("format", "pdf").queryParam("lang", "en")
                .get("/api/v1/evaluations/2024").then().statusCode(200).contentType("application/pdf").extract()
                .asByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("I.1", "Section one", "目標を上回る成果を上げた。", "概ね計画どおり", reached, "2024-08");
        }
    }

    private ValidatableResponse self(String item, String body) {
        return given().spec(Tokens.as(Tokens.of(Roles.EVALUATOR, null))).contentType(ContentType.JSON)
                .queryParam("planCode", plan).body(body).put("/api/v1/evaluations/2024/items/{item}/self", item).then();
    }

    private ValidatableResponse minister(String item, String body) {
        return given().contentType(ContentType.JSON).queryParam("planCode", plan).body(body)
                .put("/api/v1/evaluations/2024/items/{item}/minister", item).then();
    }

    private static String json(String grade, String rationale) {
        return SuiteEvents.json(java.util.Map.of("grade", grade, "rationale", rationale));
    }

    private JsonPath report(String asOf) {
        var request = given().queryParam("planCode", plan);
        if (asOf != null) {
            request.queryParam("asOf", asOf);
        }
        return request.get("/api/v1/evaluations/2024").then().statusCode(200).extract().jsonPath();
    }

    private static Row rowStartingWith(org.apache.poi.ss.usermodel.Sheet sheet, String... cells) {
        for (Row row : sheet) {
            boolean match = true;
            for (int i = 0; i < cells.length && match; i++) {
                match = cells[i].equals(text(row, i));
            }
            if (match) {
                return row;
            }
        }
        throw new AssertionError("no row of " + sheet.getSheetName() + " starts with " + List.of(cells));
    }

    private static String text(Row row, int column) {
        var cell = row.getCell(column);
        return cell == null ? null : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(cell);
    }

    /** Ⅰ in two sections (I.1 with two indicators, I.2 with a measure), Ⅱ whole with a delayed measure. */
    private void publishPlan() throws Exception {
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.PLAN_ITEMS, List.of(
                item(chapterI, "I", null, 1, "第一章", "Chapter one"), item(sectionI1, "I.1", chapterI, 1, "第一節", "Section one"),
                item(sectionI2, "I.2", chapterI, 2, "第二節", "Section two"), item(chapterII, "II", null, 2, "第二章", null),
                item(itemII1, "II.1", chapterII, 1, "効率化", null)));
        indicator(reached, "100");
        indicator(missed, "200");
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, List.of(
                value(reached, "2024-05", "60", 1, "2024-06-10T00:00:00Z"),
                value(reached, "2024-08", "50", 1, "2024-09-10T00:00:00Z"),
                value(reached, "2024-08", "70", 2, "2024-09-20T00:00:00Z"),
                value(missed, "2024-06", "180", 1, "2024-07-10T00:00:00Z")));
        UUID measureI2 = UUID.randomUUID();
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.PLAN_EXECUTION, List.of(
                measure(measureI2, "I.2.1", sectionI2, MeasureEvent.Status.ON_TRACK),
                measure(UUID.randomUUID(), "II.1.1", itemII1, MeasureEvent.Status.DELAYED),
                new TopicReader.Outgoing(measureI2.toString(), SuiteEvents.json(new CommentaryEvent(measureI2, plan, 2024,
                        "I.2.1", "digital-talent", CommentaryEvent.ReviewPeriod.FY, 1, "研修を実施した", "人員が不足",
                        "採用する", List.of(), null, "someone@test", Instant.parse("2025-04-10T00:00:00Z"))),
                        CloudEvents.headers(CommentaryEvent.TYPE_RECORDED, measureI2.toString()))));
    }

    private TopicReader.Outgoing item(UUID id, String code, UUID parent, int order, String nameJa, String nameEn) {
        return new TopicReader.Outgoing(id.toString(), SuiteEvents.json(new PlanItemEvent(id, plan, code, parent, nameJa,
                nameEn, order, false, false, 1, Instant.parse("2024-04-01T00:00:00Z"), agency, 2024)),
                CloudEvents.headers(PlanItemEvent.TYPE_UPSERTED, id.toString()));
    }

    private void indicator(String code, String target) {
        var definition = new IndicatorEvent(code, code + " の名前", code + " name", "cases", "digital-talent", sectionI1, false, false,
                IndicatorEvent.Aggregation.SUM, List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST,
                        new BigDecimal(target))), false, 1, Instant.parse("2024-04-01T00:00:00Z"));
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.INDICATORS, code, SuiteEvents.json(definition),
                CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
    }

    private static TopicReader.Outgoing value(String code, String month, String value, int revision, String recordedAt) {
        var event = new MeasurementEvent(UUID.randomUUID(), code, null, null, "digital-talent", month, new BigDecimal(value),
                revision, null, null, "test", Instant.parse(recordedAt));
        return new TopicReader.Outgoing(code, SuiteEvents.json(event), CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, code));
    }

    private TopicReader.Outgoing measure(UUID id, String code, UUID on, MeasureEvent.Status status) {
        var event = new MeasureEvent(id, plan, 2024, code, MeasureEvent.Kind.MEASURE, on, null, "①", null,
                code + " の本文", null, "digital-talent", 1, List.of(), status, List.of(), false, 1, "someone@test",
                Instant.parse("2024-04-01T00:00:00Z"));
        return new TopicReader.Outgoing(id.toString(), SuiteEvents.json(event),
                CloudEvents.headers(MeasureEvent.TYPE_UPSERTED, id.toString()));
    }
}
