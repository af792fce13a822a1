package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.CatalogLoader;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.LocalTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * From a department's values to the report the agency files, through the packaged services:
 * <ul>
 * <li>public relations is reminded by mail (the suite's SMTP server) of a recent month it has not reported; it
 * reports it, and its approvers are reminded of the value waiting;</li>
 * <li>it reports FY2024's web articles (#17, ≥ 2,500); the approvers approve eleven months and return March; the
 * corrected March is approved too, and reporting's official figure then counts all twelve (3,000: 120 %, A);</li>
 * <li>the evaluator records Ⅸ's grade S with its rationale, and a rebuild of reporting's read model gives the same
 * report;</li>
 * <li>the workbook and the PDF of the year, read back, carry the grades, the figures and the approved revisions
 * behind them.</li>
 * </ul>
 */
class EvaluationEndToEndTest {

    private static final String CODE = "web-article-count";
    private static final String DEPARTMENT = "public-relations";
    private static final java.time.ZoneId TOKYO = java.time.ZoneId.of("Asia/Tokyo");
    private static SuiteUnderTest suite;

    @BeforeAll
    static void loadCatalog() throws Exception {
        suite = SuiteUnderTest.shared();
        new CatalogLoader(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR), suite.token(LocalTokens.ADMIN))
                .load(suite.root().resolve("deploy/catalog/fy2024.yaml"));
    }

    @Test
    void valuesAreApprovedGradedAndFiledAsAWorkbookAndAPdf() throws Exception {
        // Every indicator of the department is expected each month (as completeness says): the month before last is
        // past its deadline (10 business days after it) and unreported, so the department has been reminded.
        YearMonth unreported = YearMonth.now(TOKYO).minusMonths(2);
        String overdue = awaitMail("kpi-" + DEPARTMENT + "@agency.example", "Values for " + unreported + " are overdue");
        assertThat(overdue).contains(CODE).contains(DEPARTMENT);
        // The department reports it; left waiting, it brings the approvers a reminder (the suite calls two seconds
        // too long; values of this fiscal year and the last are chased).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> suite
                .submitter(DEPARTMENT, SuiteServices.INGESTION).contentType(ContentType.JSON)
                .body("{\"indicatorCode\":\"" + CODE + "\",\"month\":\"" + unreported + "\",\"value\":240}")
                .post("/api/v1/measurements").statusCode() / 100 == 2);
        assertThat(awaitMail("kpi-approvers-" + DEPARTMENT + "@agency.example", "承認待ち")).contains(CODE)
                .contains(unreported.toString());

        // Twelve months of 250 articles, March first reported as 25 (a slipped digit).
        StringBuilder csv = new StringBuilder("indicatorCode,department,month,value,note\n");
        for (YearMonth month = YearMonth.of(2024, 4); !month.isAfter(YearMonth.of(2025, 3)); month = month.plusMonths(1)) {
            csv.append(CODE).append(',').append(DEPARTMENT).append(',').append(month).append(',')
                    .append(month.getMonthValue() == 3 ? "25" : "250").append(",\n");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var answer = suite.submitter(DEPARTMENT, SuiteServices.INGESTION).contentType("text/csv")
                    .body(csv.toString()).post("/api/v1/measurements/batch");
            return answer.statusCode() == 200 && answer.jsonPath().getInt("rejected") == 0;
        });

        // The approver's queue: all twelve provisional; March returned, the rest approved.
        List<Map<String, Object>> queue = ours(approver().queryParam("fiscalYear", 2024).queryParam("limit", 1000)
                .get("/api/v1/approvals/queue").then().statusCode(200).extract().jsonPath().getList(""));
        assertThat(queue).hasSize(12);
        List<String> decisions = new ArrayList<>();
        for (Map<String, Object> value : queue) {
            String month = (String) ((Map<?, ?>) value.get("key")).get("month");
            decisions.add(decision(month, (Integer) value.get("revision"), month.equals("2025-03") ? "RETURNED" : "APPROVED",
                    month.equals("2025-03") ? "前月までの10分の1です。桁を確認してください。" : null));
        }
        approver().contentType(ContentType.JSON).body("{\"decisions\":[" + String.join(",", decisions) + "]}")
                .post("/api/v1/approvals").then().statusCode(200);

        // Reporting: eleven of twelve approved, and the official figure counts those alone (2,750: 110 %).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(share().get("approved")).isEqualTo(11));
        assertThat(share().get("returned")).isEqualTo(1);
        assertThat(progress(true).getString("actual")).isEqualTo("2750");
        assertThat(progress(false).getString("actual")).isEqualTo("2775");

        // The department corrects March (revision 2), provisional again until the approver approves it.
        suite.submitter(DEPARTMENT, SuiteServices.INGESTION).contentType(ContentType.JSON)
                .body("{\"indicatorCode\":\"" + CODE + "\",\"month\":\"2025-03\",\"value\":250,\"reason\":\"桁の誤り\"}")
                .post("/api/v1/measurements").then().statusCode(201).body("revision", equalTo(2));
        approver().contentType(ContentType.JSON).body("{\"decisions\":[" + decision("2025-03", 2, "APPROVED", null) + "]}")
                .post("/api/v1/approvals").then().statusCode(200).body("[0].outcome", equalTo("RECORDED"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(progress(true).getString("actual")).isEqualTo("3000"));
        assertThat(progress(true).getString("grade")).isEqualTo("A");

        // Ⅸ's proposal from its one indicator: 3,000 of 2,500 is 120 %, A; S needs (and gets) a rationale.
        JsonPath sheet = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("official", true)
                .get("/api/v1/evaluations/2024").then().statusCode(200).extract().jsonPath();
        assertThat(sheet.getList("items.code")).contains("I.1", "I.2", "I.3", "II", "III", "IX");
        assertThat(sheet.getString("items.find { it.code == 'IX' }.proposedGrade")).isEqualTo("A");
        String rationale = "ウェブ記事数が目標の1.2倍に達し、加えて戦略的広報の取組が全国紙で取り上げられた。";
        evaluator().contentType(ContentType.JSON).queryParam("official", true).body("{\"grade\":\"S\"}")
                .put("/api/v1/evaluations/2024/items/IX/self").then().statusCode(422);
        evaluator().contentType(ContentType.JSON).queryParam("official", true)
                .body("{\"grade\":\"S\",\"rationale\":\"" + rationale + "\"}")
                .put("/api/v1/evaluations/2024/items/IX/self").then().statusCode(201)
                .body("proposedGrade", equalTo("A")).body("selfGrade", equalTo("S"));

        // Reporting's read model rebuilt from the topics gives the same official report: the figures, the approval of
        // every revision behind them, and the grades (which reporting owns, and a rebuild leaves alone).
        String before = officialReport();
        suite.as(LocalTokens.ADMIN, SuiteServices.REPORTING).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> !suite
                .as(LocalTokens.ADMIN, SuiteServices.REPORTING).get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));
        assertThat(JsonPath.from(officialReport()).getMap("")).isEqualTo(JsonPath.from(before).getMap(""));

        // The workbook of the official figures: Ⅸ's row, and the twelve approved revisions behind its figure.
        byte[] xlsx = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("official", true)
                .queryParam("format", "xlsx").get("/api/v1/evaluations/2024").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("総括");
            Row ix = row(workbook.getSheetAt(0), "IX");
            assertThat(text(ix, 2)).isEqualTo("A");
            assertThat(ix.getCell(3).getNumericCellValue()).isEqualTo(1.2);
            assertThat(text(ix, 4)).isEqualTo("S");
            List<Row> revisions = new ArrayList<>();
            workbook.getSheetAt(2).forEach(r -> {
                if (CODE.equals(text(r, 0))) {
                    revisions.add(r);
                }
            });
            assertThat(revisions).hasSize(12);
            assertThat(revisions).allSatisfy(r -> assertThat(text(r, 8)).isEqualTo("承認済"));
            Row march = revisions.stream().filter(r -> "2025-03".equals(text(r, 1))).findFirst().orElseThrow();
            assertThat(march.getCell(5).getNumericCellValue()).isEqualTo(2);
            assertThat(march.getCell(6).getNumericCellValue()).isEqualTo(250);
        }

        // The PDF, read back: the grade, its rationale and the appendix of revisions.
        byte[] pdf = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("official", true)
                .accept("application/pdf").get("/api/v1/evaluations/2024").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\R", "");
            assertThat(text).contains("IX", rationale.substring(0, 20), CODE, "2025-03", "承認済");
        }

        // A past date's report, taken twice, is the same.
        String yesterday = LocalDate.now(TOKYO).minusDays(1).toString();
        String first = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("asOf", yesterday)
                .get("/api/v1/evaluations/2024").then().statusCode(200).extract().asString();
        assertThat(suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("asOf", yesterday)
                .get("/api/v1/evaluations/2024").then().statusCode(200).extract().asString()).isEqualTo(first);
    }

    /** The subject and text of the first mail to the address whose subject contains the text, once it arrived. */
    private static String awaitMail(String address, String subjectPart) {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (MimeMessage message : SuiteUnderTest.mail().findReceivedMessages(
                    user -> address.equalsIgnoreCase(user.getEmail()), m -> true).toList()) {
                if (message.getSubject().contains(subjectPart)) {
                    Object content = message.getContent();
                    found[0] = message.getSubject() + "\n" + (content instanceof Multipart multipart
                            ? multipart.getBodyPart(0).getContent() : content);
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String officialReport() {
        return suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("official", true)
                .get("/api/v1/evaluations/2024").then().statusCode(200).extract().asString();
    }

    private static RequestSpecification approver() {
        return suite.with(suite.tokens.mint("e2e-approver-" + DEPARTMENT, LocalTokens.APPROVER, DEPARTMENT,
                Duration.ofHours(1)), SuiteServices.INGESTION);
    }

    private static RequestSpecification evaluator() {
        return suite.as(LocalTokens.EVALUATOR, SuiteServices.REPORTING);
    }

    private static String decision(String month, int revision, String decision, String comment) {
        return "{\"indicatorCode\":\"" + CODE + "\",\"department\":\"" + DEPARTMENT + "\",\"period\":\"" + month
                + "\",\"revision\":" + revision + ",\"decision\":\"" + decision + "\""
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}";
    }

    private static List<Map<String, Object>> ours(List<Map<String, Object>> queue) {
        return queue.stream().filter(v -> CODE.equals(((Map<?, ?>) v.get("key")).get("indicatorCode"))).toList();
    }

    private static Map<String, Object> share() {
        List<Map<String, Object>> shares = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING)
                .queryParam("fiscalYear", 2024).get("/api/v1/progress/approval").then().statusCode(200).extract()
                .jsonPath().getList("");
        return shares.stream().filter(s -> CODE.equals(s.get("indicatorCode"))).findFirst()
                .orElseThrow(() -> new AssertionError("no approval share of " + CODE + " yet"));
    }

    private static JsonPath progress(boolean official) {
        return suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .queryParam("official", official).get("/api/v1/progress/{code}", CODE).then().statusCode(200)
                .extract().jsonPath();
    }

    private static Row row(Sheet sheet, String first) {
        for (Row row : sheet) {
            if (first.equals(text(row, 0))) {
                return row;
            }
        }
        throw new AssertionError("no row " + first + " in " + sheet.getSheetName());
    }

    private static String text(Row row, int column) {
        return row.getCell(column) == null ? null : new DataFormatter().formatCellValue(row.getCell(column));
    }
}
