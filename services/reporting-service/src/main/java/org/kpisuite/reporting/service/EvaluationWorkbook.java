package org.kpisuite.reporting.service;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.kpisuite.reporting.service.EvaluationReport.Indicator;
import org.kpisuite.reporting.service.EvaluationReport.Item;
import org.kpisuite.reporting.service.EvaluationReport.Language;
import org.kpisuite.reporting.service.EvaluationReport.Measure;
import org.kpisuite.reporting.service.EvaluationReport.Revision;

/**
 * The self-evaluation report as an .xlsx: the summary, every item with its indicators and measures, and the revisions
 * the figures rest on. Figures are numeric cells so the agency can re-compute them. The labels and names shared with
 * {@link EvaluationPdf} live here so that both documents say the same.
 */
public final class EvaluationWorkbook {

    /** The widest item block: long texts are merged across these columns of the items sheet. */
    private static final int ITEM_LAST_COLUMN = 9;
    private static final int[] ITEM_WIDTHS = {22, 36, 10, 36, 14, 14, 36, 36, 36, 12};
    private static final int[] SUMMARY_WIDTHS = {12, 56, 10, 14, 10, 14};
    private static final int[] REVISION_WIDTHS = {26, 10, 14, 18, 18, 10, 16, 24, 14};
    private static final List<String> GRADES = List.of("S", "A", "B", "C", "D");
    private static final float LINE_POINTS = 15f;
    /** Excel's highest row. */
    private static final float MAX_ROW_POINTS = 409f;

    private EvaluationWorkbook() {
    }

    public static void write(EvaluationReport report, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            new Writer(report, workbook).write();
            workbook.write(out);
        }
    }

    private static final class Writer {

        private final EvaluationReport report;
        private final Language language;
        private final XSSFWorkbook workbook;
        private final CellStyle title;
        private final CellStyle bold;
        private final CellStyle wrap;
        private final CellStyle percent;
        private final CellStyle integer;
        private final CellStyle date;

        Writer(EvaluationReport report, XSSFWorkbook workbook) {
            this.report = report;
            this.language = report.language();
            this.workbook = workbook;
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            wrap = workbook.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
            integer = workbook.createCellStyle();
            integer.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
            date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        }

        void write() {
            summary(sheet(label(language, "総括", "Summary"), SUMMARY_WIDTHS));
            items(sheet(label(language, "評価項目", "Items"), ITEM_WIDTHS));
            revisions(sheet(label(language, "根拠データ", "Revisions"), REVISION_WIDTHS));
        }

        private Sheet sheet(String name, int[] widths) {
            Sheet sheet = workbook.createSheet(name);
            for (int column = 0; column < widths.length; column++) {
                sheet.setColumnWidth(column, widths[column] * 256);
            }
            return sheet;
        }

        private void summary(Sheet sheet) {
            Row heading = sheet.createRow(0);
            text(heading, 0, "FY" + report.fiscalYear() + " " + planName(report), title);
            Row asOf = sheet.createRow(1);
            text(asOf, 0, label(language, "基準日", "As of"), bold);
            if (report.asOf() != null) {
                Cell cell = asOf.createCell(1);
                cell.setCellValue(report.asOf());
                cell.setCellStyle(date);
            }
            Row recorded = sheet.createRow(2);
            text(recorded, 0, label(language, "記録時点", "Recorded by"), bold);
            text(recorded, 1, instant(report.recordedBy()));
            Row basis = sheet.createRow(3);
            text(basis, 0, label(language, "数値の基礎", "Figures"), bold);
            text(basis, 1, basis(language, report.official()));

            int r = 5;
            header(sheet.createRow(r++), label(language, "項目", "Item"), label(language, "名称", "Name"),
                    label(language, "評定案", "Proposed"), label(language, "平均達成率", "Mean achievement"),
                    label(language, "自己評価", "Self grade"), label(language, "主務大臣評価", "Minister grade"));
            for (Item item : report.items()) {
                Row row = sheet.createRow(r++);
                text(row, 0, item.code());
                text(row, 1, itemName(language, item), wrap);
                text(row, 2, item.proposedGrade());
                number(row, 3, item.meanAchievement(), percent);
                text(row, 4, item.self() == null ? null : item.self().grade());
                text(row, 5, item.minister() == null ? null : item.minister().grade());
                fitHeight(row, SUMMARY_WIDTHS);
            }

            r++;
            header(sheet.createRow(r++), label(language, "評定", "Grade"), label(language, "項目数", "Items"));
            for (Map.Entry<String, Integer> count : gradeCounts(report.gradeCounts())) {
                Row row = sheet.createRow(r++);
                text(row, 0, gradeName(language, count.getKey()));
                row.createCell(1).setCellValue(count.getValue());
            }
        }

        private void items(Sheet sheet) {
            int r = 0;
            for (Item item : report.items()) {
                Row heading = sheet.createRow(r++);
                text(heading, 0, item.code() + " " + itemName(language, item), title);

                Row proposal = sheet.createRow(r++);
                text(proposal, 0, label(language, "評定案", "Proposed grade"), bold);
                text(proposal, 1, item.proposedGrade());
                text(proposal, 2, label(language, "平均達成率", "Mean achievement"), bold);
                number(proposal, 3, item.meanAchievement(), percent);

                var self = item.self();
                Row selfRow = sheet.createRow(r++);
                text(selfRow, 0, label(language, "自己評価", "Self grade"), bold);
                text(selfRow, 2, label(language, "評定の理由", "Rationale"), bold);
                if (self != null) {
                    text(selfRow, 1, self.grade());
                    longText(sheet, selfRow, 3, self.rationale());
                    Row recorded = sheet.createRow(r++);
                    text(recorded, 0, label(language, "記録者", "Recorded by"), bold);
                    text(recorded, 1, self.recordedBy());
                    text(recorded, 2, label(language, "記録日時", "Recorded at"), bold);
                    text(recorded, 3, instant(self.recordedAt()));
                    text(recorded, 4, label(language, "記録時の評定案", "Proposed then"), bold);
                    text(recorded, 5, self.proposedGrade());
                }

                var minister = item.minister();
                Row ministerRow = sheet.createRow(r++);
                text(ministerRow, 0, label(language, "主務大臣評価", "Minister grade"), bold);
                text(ministerRow, 2, label(language, "コメント", "Comment"), bold);
                if (minister != null) {
                    text(ministerRow, 1, minister.grade());
                    longText(sheet, ministerRow, 3, minister.comment());
                }

                if (!item.indicators().isEmpty()) {
                    r++;
                    header(sheet.createRow(r++), label(language, "評価指標", "Indicator"), label(language, "名称", "Name"),
                            label(language, "単位", "Unit"), label(language, "重要度高", "Core target"),
                            label(language, "目標値", "Target"), label(language, "実績値", "Actual"),
                            label(language, "達成率", "Achievement"), label(language, "評定", "Grade"),
                            label(language, "報告月数", "Months reported"), label(language, "区分", "Type"));
                    for (Indicator indicator : item.indicators()) {
                        Row row = sheet.createRow(r++);
                        text(row, 0, indicator.code());
                        text(row, 1, indicatorName(language, indicator), wrap);
                        text(row, 2, indicator.unit());
                        text(row, 3, indicator.coreTarget() ? label(language, "はい", "yes") : label(language, "いいえ", "no"));
                        number(row, 4, indicator.target(), null);
                        number(row, 5, indicator.actual(), null);
                        number(row, 6, indicator.achievementRate(), percent);
                        text(row, 7, indicator.grade());
                        row.createCell(8).setCellValue(indicator.monthsReported());
                        if (indicator.referenceOnly()) {
                            text(row, 9, label(language, "参考指標", "reference"));
                        }
                        fitHeight(row, ITEM_WIDTHS);
                    }
                }

                if (!item.measures().isEmpty()) {
                    r++;
                    header(sheet.createRow(r++), label(language, "番号", "Code"), label(language, "種別", "Kind"),
                            label(language, "記号", "Marker"), label(language, "内容", "Title"),
                            label(language, "状況", "Status"), label(language, "期間", "Period"),
                            label(language, "実施内容", "Done"), label(language, "課題", "Problems"),
                            label(language, "今後の取組", "Next steps"));
                    for (Measure measure : item.measures()) {
                        Row row = sheet.createRow(r++);
                        text(row, 0, measure.code());
                        text(row, 1, kind(language, measure.kind()));
                        text(row, 2, measure.marker());
                        text(row, 3, measureTitle(language, measure), wrap);
                        text(row, 4, status(language, measure.status()));
                        text(row, 5, measure.commentaryPeriod());
                        text(row, 6, measure.done(), wrap);
                        text(row, 7, measure.problems(), wrap);
                        text(row, 8, measure.nextSteps(), wrap);
                        fitHeight(row, ITEM_WIDTHS);
                    }
                }
                r++;
            }
        }

        private void revisions(Sheet sheet) {
            header(sheet.createRow(0), label(language, "評価指標", "Indicator"), label(language, "期間", "Period"),
                    label(language, "要素", "Component"), label(language, "内訳", "Breakdown"),
                    label(language, "部署", "Department"), label(language, "版", "Revision"),
                    label(language, "値", "Value"), label(language, "記録日時 (UTC)", "Recorded at (UTC)"),
                    label(language, "承認", "Approval"));
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (Revision revision : report.revisions()) {
                Row row = sheet.createRow(r++);
                text(row, 0, revision.indicatorCode());
                text(row, 1, revision.period());
                text(row, 2, revision.component());
                text(row, 3, revision.breakdown());
                text(row, 4, revision.department());
                row.createCell(5).setCellValue(revision.revision());
                number(row, 6, revision.value(), null);
                text(row, 7, instant(revision.recordedAt()));
                text(row, 8, approval(language, revision.approval()));
            }
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, REVISION_WIDTHS.length - 1));
        }

        private void header(Row row, String... labels) {
            for (int column = 0; column < labels.length; column++) {
                text(row, column, labels[column], bold);
            }
        }

        private void text(Row row, int column, String value) {
            text(row, column, value, null);
        }

        private void text(Row row, int column, String value, CellStyle style) {
            if (value == null || value.isEmpty()) {
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(fit(value));
            if (style != null) {
                cell.setCellStyle(style);
            }
        }

        /** A rationale or comment: merged across the rest of the block so it wraps at a readable width. */
        private void longText(Sheet sheet, Row row, int column, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            text(row, column, value, wrap);
            sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), column, ITEM_LAST_COLUMN));
            int width = 0;
            for (int c = column; c <= ITEM_LAST_COLUMN; c++) {
                width += ITEM_WIDTHS[c];
            }
            height(row, lines(value, width));
        }

        /** Excel fits a wrapped row's height only once the user edits it, and never under merged cells. */
        private void fitHeight(Row row, int[] widths) {
            int lines = 1;
            for (Cell cell : row) {
                if (cell.getCellStyle().getWrapText() && cell.getColumnIndex() < widths.length) {
                    lines = Math.max(lines, lines(cell.getStringCellValue(), widths[cell.getColumnIndex()]));
                }
            }
            if (lines > 1) {
                height(row, lines);
            }
        }

        private void height(Row row, int lines) {
            row.setHeightInPoints(Math.min(MAX_ROW_POINTS, LINE_POINTS * lines));
        }

        private void number(Row row, int column, BigDecimal value, CellStyle style) {
            if (value == null) {
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            if (style != null) {
                cell.setCellStyle(style);
            } else if (value.stripTrailingZeros().scale() <= 0) {
                cell.setCellStyle(integer);
            }
        }
    }

    /** Lines a text takes in a column this many characters wide; full-width characters count twice. */
    private static int lines(String value, int width) {
        int lines = 0;
        for (String line : value.split("\r?\n", -1)) {
            int units = line.codePoints().map(c -> c < 0x1100 || (c >= 0xFF61 && c <= 0xFFDC) ? 1 : 2).sum();
            lines += Math.max(1, (units + width - 1) / width);
        }
        return lines;
    }

    /** A cell holds at most 32,767 characters; POI refuses more rather than cutting. */
    private static String fit(String value) {
        int max = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** S to D first, then any other grade by name, "not graded" last, whatever map the counts come in. */
    static List<Map.Entry<String, Integer>> gradeCounts(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> gradeRank(e.getKey()))
                .thenComparing(Map.Entry::getKey));
        return entries;
    }

    private static int gradeRank(String grade) {
        if ("NONE".equals(grade)) {
            return GRADES.size() + 1;
        }
        int known = GRADES.indexOf(grade);
        return known < 0 ? GRADES.size() : known;
    }

    static String label(Language language, String ja, String en) {
        return language == Language.EN ? en : ja;
    }

    static String planName(EvaluationReport report) {
        return report.language() == Language.EN && report.planNameEn() != null ? report.planNameEn()
                : report.planNameJa();
    }

    static String itemName(Language language, Item item) {
        return language == Language.EN && item.nameEn() != null ? item.nameEn() : item.nameJa();
    }

    static String indicatorName(Language language, Indicator indicator) {
        return language == Language.EN && indicator.nameEn() != null ? indicator.nameEn() : indicator.nameJa();
    }

    static String measureTitle(Language language, Measure measure) {
        if (language == Language.EN && present(measure.nameEn())) {
            return measure.nameEn();
        }
        return present(measure.titleJa()) ? measure.titleJa() : measure.textJa();
    }

    static String gradeName(Language language, String grade) {
        return "NONE".equals(grade) ? label(language, "未評価", "Not graded") : grade;
    }

    static String kind(Language language, String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "MEASURE" -> label(language, "措置", "Measure");
            case "INITIATIVE" -> label(language, "取組", "Initiative");
            default -> kind;
        };
    }

    /** What the figures rest on: approved values alone (official=true), or every value submitted. */
    static String basis(Language language, boolean official) {
        return official ? label(language, "承認済みの値のみ（公式）", "Approved values only (official)")
                : label(language, "提出された値（未承認を含む）", "Submitted values, approved or not");
    }

    static String approval(Language language, String approval) {
        if (approval == null) {
            return null;
        }
        return switch (approval) {
            case "APPROVED" -> label(language, "承認済", "Approved");
            case "RETURNED" -> label(language, "差戻し", "Returned");
            case "PROVISIONAL" -> label(language, "未承認", "Provisional");
            default -> approval;
        };
    }

    static String status(Language language, String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "NOT_STARTED" -> label(language, "未着手", "Not started");
            case "ON_TRACK" -> label(language, "順調", "On track");
            case "DELAYED" -> label(language, "遅延", "Delayed");
            case "DONE" -> label(language, "完了", "Done");
            case "DROPPED" -> label(language, "中止", "Dropped");
            default -> status;
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
