package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.kpisuite.reporting.service.EvaluationReport.Indicator;
import org.kpisuite.reporting.service.EvaluationReport.Item;
import org.kpisuite.reporting.service.EvaluationReport.Language;
import org.kpisuite.reporting.service.EvaluationReport.Measure;
import org.kpisuite.reporting.service.EvaluationReport.MinisterEvaluation;
import org.kpisuite.reporting.service.EvaluationReport.Revision;
import org.kpisuite.reporting.service.EvaluationReport.SelfEvaluation;

/** Both renderers of the self-evaluation report, checked by reading back what they wrote. */
class EvaluationRenderingTest {

    static final Path FONT = Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf");
    static final String PLAN_JA = "独立行政法人情報処理推進機構令和６年度計画";
    static final String PLAN_EN = "IPA annual plan FY2024";
    static final String RATIONALE = "目標を大きく上回った。\n特にマナビＤＸの利用が伸びた。";
    static final Instant AT = Instant.parse("2025-06-10T01:02:03Z");

    // ---- workbook ---------------------------------------------------------------------------------------------

    @Test
    void workbookInJapanese() throws IOException {
        try (XSSFWorkbook workbook = workbook(report(Language.JA, PLAN_EN, RATIONALE))) {
            assertThat(sheetNames(workbook)).containsExactly("総括", "評価項目", "根拠データ");

            Sheet summary = workbook.getSheet("総括");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("FY2024 " + PLAN_JA);
            assertThat(summary.getRow(1).getCell(1).getLocalDateTimeCellValue().toLocalDate())
                    .isEqualTo(LocalDate.of(2025, 6, 20));
            Row i2 = rowStartingWith(summary, "I.2");
            assertThat(i2.getCell(1).getStringCellValue()).isEqualTo("情報セキュリティ対策の強化");
            assertThat(i2.getCell(2).getStringCellValue()).isEqualTo("B");
            assertThat(i2.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(i2.getCell(3).getNumericCellValue()).isEqualTo(0.9875);
            assertThat(i2.getCell(3).getCellStyle().getDataFormatString()).endsWith("%");
            assertThat(i2.getCell(4).getStringCellValue()).isEqualTo("A");
            assertThat(i2.getCell(5).getStringCellValue()).isEqualTo("B");
            Row i1 = rowStartingWith(summary, "I.1");
            assertThat(i1.getCell(4)).as("not yet graded: an empty cell").isNull();
            // S–D first whatever the map's order, "not graded" last.
            Row grades = rowStartingWith(summary, "評定");
            assertThat(summary.getRow(grades.getRowNum() + 1).getCell(0).getStringCellValue()).isEqualTo("A");
            assertThat(summary.getRow(grades.getRowNum() + 2).getCell(0).getStringCellValue()).isEqualTo("未評価");
            assertThat(summary.getRow(grades.getRowNum() + 2).getCell(1).getNumericCellValue()).isEqualTo(1);

            Sheet items = workbook.getSheet("評価項目");
            Cell rationale = cellWith(items, RATIONALE);
            assertThat(rationale.getCellStyle().getWrapText()).isTrue();
            assertThat(rationale.getRow().getCell(1).getStringCellValue()).isEqualTo("A");
            Row core = rowStartingWith(items, "manabi-dx-accesses");
            assertThat(core.getCell(4).getNumericCellValue()).isEqualTo(1_200_000);
            assertThat(core.getCell(6).getNumericCellValue()).isEqualTo(1.05);
            assertThat(core.getCell(8).getNumericCellValue()).isEqualTo(12);
            assertThat(rowStartingWith(items, "security-seminars").getCell(9).getStringCellValue()).isEqualTo("参考指標");
            Row measure = rowStartingWith(items, "I.2.(1).1");
            assertThat(measure.getCell(1).getStringCellValue()).isEqualTo("措置");
            assertThat(measure.getCell(3).getStringCellValue()).isEqualTo("脆弱性情報の迅速な公表");
            assertThat(measure.getCell(4).getStringCellValue()).isEqualTo("順調");
            assertThat(rowStartingWith(items, "I.2.(1).2").getCell(3).getStringCellValue())
                    .as("no title: the text").isEqualTo("中小企業向けセキュリティ診断を拡充する");

            Sheet revisions = workbook.getSheet("根拠データ");
            assertThat(revisions.getPaneInformation().isFreezePane()).isTrue();
            assertThat(revisions.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(revisions.getLastRowNum()).isEqualTo(3);
            Row second = revisions.getRow(2);
            assertThat(second.getCell(0).getStringCellValue()).isEqualTo("manabi-dx-accesses");
            assertThat(second.getCell(1).getStringCellValue()).isEqualTo("2024-05");
            assertThat(second.getCell(5).getNumericCellValue()).isEqualTo(2);
            assertThat(second.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(second.getCell(6).getNumericCellValue()).isEqualTo(101_234.5);
            assertThat(second.getCell(7).getStringCellValue()).isEqualTo("2025-06-10T01:02:03Z");
            assertThat(revisions.getRow(3).getCell(3)).as("no breakdown").isNull();
        }
    }

    @Test
    void workbookInEnglish() throws IOException {
        try (XSSFWorkbook workbook = workbook(report(Language.EN, PLAN_EN, RATIONALE))) {
            assertThat(sheetNames(workbook)).containsExactly("Summary", "Items", "Revisions");
            Sheet summary = workbook.getSheet("Summary");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("FY2024 " + PLAN_EN);
            assertThat(rowStartingWith(summary, "I.2").getCell(1).getStringCellValue())
                    .isEqualTo("Strengthening information security");
            assertThat(rowStartingWith(summary, "I.1").getCell(1).getStringCellValue())
                    .as("no English name: the Japanese").isEqualTo("デジタル人材の育成");
            Sheet items = workbook.getSheet("Items");
            assertThat(rowStartingWith(items, "I.2.(1).1").getCell(3).getStringCellValue())
                    .isEqualTo("Prompt publication of vulnerabilities");
            assertThat(rowStartingWith(items, "I.2.(1).2").getCell(1).getStringCellValue()).isEqualTo("Initiative");
        }
        try (XSSFWorkbook workbook = workbook(report(Language.EN, null, RATIONALE))) {
            assertThat(workbook.getSheet("Summary").getRow(0).getCell(0).getStringCellValue())
                    .as("no English plan name: the Japanese").isEqualTo("FY2024 " + PLAN_JA);
        }
    }

    // ---- PDF --------------------------------------------------------------------------------------------------

    @Test
    void pdfInJapanese() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdf(report(Language.JA, PLAN_EN, RATIONALE)))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(PLAN_JA, "I.1", "I.2", "情報セキュリティ対策の強化", "評定案: B",
                    "自己評価: A", "主務大臣評価: B", "自己評価: 未記録", "目標を大きく上回った。", "特にマナビＤＸの利用が伸びた。",
                    "脆弱性情報の迅速な公表", "根拠データ（リビジョン一覧）", "manabi-dx-accesses  2024-05",
                    "1 / " + pdf.getNumberOfPages());
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(595.27563f);
        }
    }

    @Test
    void pdfInEnglish() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdf(report(Language.EN, PLAN_EN, RATIONALE)))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(PLAN_EN, "Strengthening information security",
                    "Self grade: A", "Self grade: not recorded", "Appendix: revisions");
        }
    }

    @Test
    void aLongRationaleWrapsWithinTheMarginsOntoMorePages() throws IOException {
        String sentence = "情報処理の促進に関する法律に基づき、デジタル人材の育成と安全な社会の実現に取り組んだ。";
        String rationale = "【冒頭】" + sentence.repeat(3_000 / sentence.length() + 1).substring(0, 2_992) + "【末尾】";
        int shortPages;
        try (PDDocument pdf = Loader.loadPDF(pdf(report(Language.JA, PLAN_EN, RATIONALE)))) {
            shortPages = pdf.getNumberOfPages();
        }
        try (PDDocument pdf = Loader.loadPDF(pdf(report(Language.JA, PLAN_EN, rationale)))) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(shortPages);
            // 3,000 characters take about 56 lines, more than a page holds.
            assertThat(pageOf(pdf, "【冒頭】")).isLessThan(pageOf(pdf, "【末尾】"));
            List<Float> rightEdges = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String string, List<TextPosition> positions) throws IOException {
                    TextPosition last = positions.get(positions.size() - 1);
                    rightEdges.add(last.getXDirAdj() + last.getWidthDirAdj());
                    super.writeString(string, positions);
                }
            };
            String text = stripper.getText(pdf).replaceAll("(?m)^\\d+ / \\d+$", "").replaceAll("\\R", "");
            assertThat(text).as("the rationale, without page footers and line breaks").contains(rationale);
            // Closing punctuation may hang one character into the right margin, no further.
            assertThat(rightEdges).allSatisfy(x -> assertThat(x).isLessThan(595.28f - 40f + 10f));
        }
    }

    @Test
    void charactersTheFontLacksBecomeQuestionMarks() throws IOException {
        String odd = "絵文字😀と制御\u0007文字\tとサロゲート\uD800です";
        EvaluationReport report = report(Language.JA, PLAN_EN, odd);
        try (PDDocument pdf = Loader.loadPDF(pdf(report))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("と制御?文字", "です");
        }
        try (XSSFWorkbook workbook = workbook(report)) {
            assertThat(cellWith(workbook.getSheet("評価項目"), "絵文字😀と制御")).isNotNull();
        }
    }

    // ---- the report -------------------------------------------------------------------------------------------

    static EvaluationReport report(Language language, String planNameEn, String rationale) {
        Item i1 = new Item("I.1", "デジタル人材の育成", null, "A", new BigDecimal("1.1250"), null, null,
                List.of(new Indicator("itss-exams", "情報処理技術者試験の応募者数", null, "人", true, false,
                        new BigDecimal("500000"), new BigDecimal("562500"), new BigDecimal("1.125"), "A", 12)),
                Map.of(), List.of());
        Item i2 = new Item("I.2", "情報セキュリティ対策の強化", "Strengthening information security", "B",
                new BigDecimal("0.9875"),
                new SelfEvaluation("A", rationale, "B", 3, AT, "tanaka"),
                new MinisterEvaluation("B", "概ね妥当である。", 1, AT, "minister"),
                List.of(new Indicator("manabi-dx-accesses", "マナビＤＸのアクセス数", "Manabi DX accesses", "件", true, false,
                                new BigDecimal("1200000"), new BigDecimal("1260000"), new BigDecimal("1.05"), "A", 12),
                        new Indicator("security-seminars", "セミナー開催数", null, "回", false, true,
                                null, new BigDecimal("42"), null, null, 9)),
                Map.of("ON_TRACK", 1, "DELAYED", 1),
                List.of(new Measure("I.2.(1).1", "MEASURE", "①", "脆弱性情報の迅速な公表", "脆弱性情報を迅速に公表する",
                                "Prompt publication of vulnerabilities", "ON_TRACK", "FY", "四半期ごとに公表した。",
                                null, "公表までの日数を短縮する。"),
                        new Measure("I.2.(1).2", "INITIATIVE", null, null, "中小企業向けセキュリティ診断を拡充する", null,
                                "DELAYED", "H1", null, "診断員が不足した。", null)));
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("NONE", 1);
        counts.put("A", 1);
        List<Revision> revisions = List.of(
                new Revision("manabi-dx-accesses", "2024-04", "value", "", "digital-talent", 1,
                        new BigDecimal("98765"), AT, "APPROVED"),
                new Revision("manabi-dx-accesses", "2024-05", "value", "web", "digital-talent", 2,
                        new BigDecimal("101234.5"), AT, "PROVISIONAL"),
                new Revision("security-seminars", "2024-04", "value", "", "security-center", 1,
                        new BigDecimal("3"), AT, "RETURNED"));
        return new EvaluationReport("IPA-FY2024", PLAN_JA, planNameEn, 2024, LocalDate.of(2025, 6, 20),
                Instant.parse("2025-06-20T14:59:59Z"), language, false, counts, List.of(i1, i2), revisions);
    }

    static XSSFWorkbook workbook(EvaluationReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EvaluationWorkbook.write(report, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    static byte[] pdf(EvaluationReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EvaluationPdf.write(report, FONT, out);
        return out.toByteArray();
    }

    static int pageOf(PDDocument pdf, String text) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            if (stripper.getText(pdf).replaceAll("\\R", "").contains(text)) {
                return page;
            }
        }
        throw new AssertionError("not in the PDF: " + text);
    }

    static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    static Row rowStartingWith(Sheet sheet, String first) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(first)) {
                return row;
            }
        }
        throw new AssertionError("no row starting with " + first + " in " + sheet.getSheetName());
    }

    static Cell cellWith(Sheet sheet, String prefix) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith(prefix)) {
                    return cell;
                }
            }
        }
        throw new AssertionError("no cell starting with " + prefix + " in " + sheet.getSheetName());
    }
}
