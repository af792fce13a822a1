package org.kpisuite.reporting.service;

import static org.kpisuite.reporting.service.EvaluationWorkbook.gradeCounts;
import static org.kpisuite.reporting.service.EvaluationWorkbook.gradeName;
import static org.kpisuite.reporting.service.EvaluationWorkbook.indicatorName;
import static org.kpisuite.reporting.service.EvaluationWorkbook.itemName;
import static org.kpisuite.reporting.service.EvaluationWorkbook.kind;
import static org.kpisuite.reporting.service.EvaluationWorkbook.label;
import static org.kpisuite.reporting.service.EvaluationWorkbook.measureTitle;
import static org.kpisuite.reporting.service.EvaluationWorkbook.planName;
import static org.kpisuite.reporting.service.EvaluationWorkbook.status;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.kpisuite.reporting.service.EvaluationReport.Indicator;
import org.kpisuite.reporting.service.EvaluationReport.Item;
import org.kpisuite.reporting.service.EvaluationReport.Language;
import org.kpisuite.reporting.service.EvaluationReport.Measure;
import org.kpisuite.reporting.service.EvaluationReport.Revision;

/**
 * The self-evaluation report as an A4 PDF for reading: the summary, each item with its grades, indicators and
 * measures, and an appendix of the revisions. The text is set in the given TrueType font, embedded as a subset, since
 * the standard PDF fonts have no Japanese.
 */
public final class EvaluationPdf {

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 40f;
    private static final float FOOTER = 14f;
    private static final float TITLE = 16f;
    private static final float HEADING = 12f;
    private static final float BODY = 9.5f;
    private static final float SMALL = 8f;
    private static final float LEADING = 1.45f;
    private static final float INDENT = 12f;
    /** Code, name, proposed, self, minister: the summary table's columns, filling the text width. */
    private static final float[] SUMMARY_COLUMNS = {64f, 251.28f, 60f, 60f, 80f};
    /** Closing punctuation may hang into the margin rather than begin a line (a light kinsoku). */
    private static final String NO_LINE_START = "、。，．・：；！？）」』】〕〉》”’ー…";

    private EvaluationPdf() {
    }

    /**
     * @param font a TrueType font with Japanese glyphs; characters it lacks (and control characters) come out as '?'
     * @throws IOException when the font cannot be read or the PDF cannot be written
     */
    public static void write(EvaluationReport report, Path font, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            Layout layout = new Layout(document, PDType0Font.load(document, font.toFile()));
            try {
                new Content(report, layout).write();
            } finally {
                layout.close();
            }
            layout.footers();
            document.getDocumentInformation().setTitle("FY" + report.fiscalYear() + " " + planName(report));
            document.save(out);
        }
    }

    /** What the report says, in order. */
    private static final class Content {

        private final EvaluationReport report;
        private final Language language;
        private final Layout out;
        private final DecimalFormat number =
                new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));

        Content(EvaluationReport report, Layout out) {
            this.report = report;
            this.language = report.language();
            this.out = out;
        }

        void write() throws IOException {
            out.paragraph(planName(report), TITLE, 0, true);
            out.paragraph(label(language, "FY" + report.fiscalYear() + " 自己評価　基準日 " + report.asOf(),
                    "FY" + report.fiscalYear() + " self-evaluation, as of " + report.asOf()), HEADING, 0, false);
            out.paragraph(report.planCode() + " / " + label(language, "記録時点 ", "recorded by ") + report.recordedBy()
                    + " / " + EvaluationWorkbook.basis(language, report.official()), SMALL, 0, false);
            summary();
            for (Item item : report.items()) {
                item(item);
            }
            appendix();
        }

        private void summary() throws IOException {
            out.heading(label(language, "総括", "Summary"), HEADING);
            out.row(SUMMARY_COLUMNS, true, label(language, "項目", "Item"), label(language, "名称", "Name"),
                    label(language, "評定案", "Proposed"), label(language, "自己評価", "Self"),
                    label(language, "主務大臣評価", "Minister"));
            for (Item item : report.items()) {
                out.row(SUMMARY_COLUMNS, false, item.code(), itemName(language, item), dash(item.proposedGrade()),
                        dash(item.self() == null ? null : item.self().grade()),
                        dash(item.minister() == null ? null : item.minister().grade()));
            }
            StringJoiner counts = new StringJoiner(label(language, "、", ", "),
                    label(language, "評定別の項目数: ", "Items per grade: "), "");
            gradeCounts(report.gradeCounts()).forEach(e -> counts.add(gradeName(language, e.getKey()) + " " + e.getValue()));
            out.gap(BODY * 0.5f);
            out.paragraph(counts.toString(), BODY, 0, false);
        }

        private void item(Item item) throws IOException {
            out.heading(item.code() + " " + itemName(language, item), HEADING);
            out.paragraph(label(language, "評定案: ", "Proposed grade: ") + dash(item.proposedGrade())
                    + label(language, "　平均達成率: ", "   Mean achievement: ") + percent(item.meanAchievement()),
                    BODY, 0, false);

            var self = item.self();
            if (self == null) {
                out.paragraph(label(language, "自己評価: 未記録", "Self grade: not recorded"), BODY, 0, true);
            } else {
                out.paragraph(label(language, "自己評価: ", "Self grade: ") + self.grade(), BODY, 0, true);
                out.paragraph(self.rationale(), BODY, INDENT, false);
                out.paragraph(label(language, "記録: ", "Recorded by ") + self.recordedBy() + ", " + self.recordedAt()
                        + label(language, "（記録時の評定案 ", " (proposed then: ") + dash(self.proposedGrade())
                        + label(language, "）", ")"), SMALL, INDENT, false);
            }

            var minister = item.minister();
            if (minister == null) {
                out.paragraph(label(language, "主務大臣評価: 未記録", "Minister grade: not recorded"), BODY, 0, true);
            } else {
                out.paragraph(label(language, "主務大臣評価: ", "Minister grade: ") + minister.grade(), BODY, 0, true);
                out.paragraph(minister.comment(), BODY, INDENT, false);
            }

            if (!item.indicators().isEmpty()) {
                out.heading(label(language, "評価指標", "Indicators"), BODY);
                for (Indicator indicator : item.indicators()) {
                    out.paragraph(indicator(indicator), BODY, INDENT, false);
                }
            }
            if (!item.measures().isEmpty()) {
                out.heading(label(language, "取組・措置", "Measures and initiatives"), BODY);
                for (Measure measure : item.measures()) {
                    measure(measure);
                }
            }
        }

        private String indicator(Indicator indicator) {
            String unit = indicator.unit() == null ? "" : " " + indicator.unit();
            return (indicator.referenceOnly() ? label(language, "［参考指標］", "[reference] ") : "")
                    + (indicator.coreTarget() ? label(language, "［重要度高］", "[core] ") : "")
                    + indicator.code() + " " + indicatorName(language, indicator)
                    + label(language, "　目標 ", " - target ") + amount(indicator.target()) + unit
                    + label(language, " / 実績 ", " / actual ") + amount(indicator.actual()) + unit
                    + label(language, " / 達成率 ", " / achievement ") + percent(indicator.achievementRate())
                    + label(language, " / 評定 ", " / grade ") + dash(indicator.grade());
        }

        private void measure(Measure measure) throws IOException {
            String marker = measure.marker() == null ? "" : measure.marker() + " ";
            out.paragraph(marker + measure.code() + " [" + dash(kind(language, measure.kind())) + "] "
                    + measureTitle(language, measure) + " — " + dash(status(language, measure.status())),
                    BODY, INDENT, false);
            String period = measure.commentaryPeriod() == null ? "" : " (" + measure.commentaryPeriod() + ")";
            commentary(label(language, "実施内容", "Done") + period, measure.done());
            commentary(label(language, "課題", "Problems"), measure.problems());
            commentary(label(language, "今後の取組", "Next steps"), measure.nextSteps());
        }

        private void commentary(String heading, String text) throws IOException {
            if (text != null && !text.isBlank()) {
                out.paragraph(heading + ": " + text, SMALL, 2 * INDENT, false);
            }
        }

        private void appendix() throws IOException {
            out.newPage();
            out.paragraph(label(language, "根拠データ（リビジョン一覧）", "Appendix: revisions"), HEADING, 0, true);
            out.gap(BODY * 0.5f);
            if (report.revisions().isEmpty()) {
                out.paragraph(label(language, "なし", "None"), BODY, 0, false);
            }
            for (Revision revision : report.revisions()) {
                StringJoiner line = new StringJoiner("  ");
                line.add(revision.indicatorCode()).add(revision.period()).add(revision.component());
                if (revision.breakdown() != null && !revision.breakdown().isEmpty()) {
                    line.add(revision.breakdown());
                }
                line.add(dash(revision.department())).add("r" + revision.revision())
                        .add(amount(revision.value())).add(String.valueOf(revision.recordedAt()))
                        .add(dash(EvaluationWorkbook.approval(language, revision.approval())));
                out.paragraph(line.toString(), SMALL, 0, false);
            }
        }

        private String amount(BigDecimal value) {
            return value == null ? "-" : number.format(value);
        }

        private String percent(BigDecimal ratio) {
            return ratio == null ? "-"
                    : ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
        }

        private String dash(String value) {
            return value == null || value.isEmpty() ? "-" : value;
        }
    }

    /** Pages, a cursor going down them, and text wrapped to the width in the one font. */
    private static final class Layout {

        private final PDDocument document;
        private final PDType0Font font;
        private final Map<Integer, Boolean> encodable = new HashMap<>();
        private final Map<Integer, Float> widths = new HashMap<>();
        private PDPageContentStream stream;
        private float y;

        Layout(PDDocument document, PDType0Font font) {
            this.document = document;
            this.font = font;
        }

        void heading(String text, float size) throws IOException {
            gap(size * 0.6f);
            // Keeps a heading with the first lines under it.
            ensure(size * LEADING + 2 * BODY * LEADING);
            paragraph(text, size, 0, true);
        }

        void paragraph(String text, float size, float indent, boolean bold) throws IOException {
            if (text == null || text.isEmpty()) {
                return;
            }
            for (String line : wrap(text, size, width() - indent)) {
                ensure(size * LEADING);
                show(line, MARGIN + indent, size, bold);
                y -= size * LEADING;
            }
        }

        /** A table row: each cell wrapped to its column, the row as tall as its tallest cell; a header is ruled. */
        void row(float[] columns, boolean header, String... cells) throws IOException {
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < cells.length; c++) {
                List<String> cell = wrap(cells[c], BODY, columns[c] - 4f);
                wrapped.add(cell);
                lines = Math.max(lines, cell.size());
            }
            float height = BODY * LEADING;
            ensure(Math.min(lines * height, top() - bottom()));
            for (int l = 0; l < lines; l++) {
                ensure(height);
                float x = MARGIN;
                for (int c = 0; c < cells.length; c++) {
                    if (l < wrapped.get(c).size()) {
                        show(wrapped.get(c).get(l), x, BODY, header);
                    }
                    x += columns[c];
                }
                y -= height;
            }
            if (header) {
                stream.setLineWidth(0.5f);
                stream.moveTo(MARGIN, y + BODY * 0.3f);
                stream.lineTo(PAGE.getWidth() - MARGIN, y + BODY * 0.3f);
                stream.stroke();
                y -= BODY * 0.2f;
            }
        }

        void gap(float points) {
            y -= points;
        }

        void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = top();
        }

        void close() throws IOException {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }

        /** "n / N" under every page, once N is known. */
        void footers() throws IOException {
            int count = document.getNumberOfPages();
            for (int n = 1; n <= count; n++) {
                String footer = n + " / " + count;
                try (PDPageContentStream footerStream = new PDPageContentStream(document, document.getPage(n - 1),
                        AppendMode.APPEND, true, true)) {
                    footerStream.beginText();
                    footerStream.setFont(font, SMALL);
                    footerStream.newLineAtOffset((PAGE.getWidth() - textWidth(footer, SMALL)) / 2, MARGIN / 2);
                    footerStream.showText(footer);
                    footerStream.endText();
                }
            }
        }

        private void ensure(float height) throws IOException {
            if (stream == null || y - height < bottom()) {
                newPage();
            }
        }

        private void show(String line, float x, float size, boolean bold) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            // The font has no bold face: stroking the outlines as well thickens them.
            stream.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            if (bold) {
                stream.setLineWidth(size / 30f);
            }
            stream.newLineAtOffset(x, y - size);
            stream.showText(line);
            stream.endText();
        }

        /**
         * Lines of at most the width: broken after a space where there is one, else between any two characters, as
         * Japanese has no spaces; given line breaks are kept.
         */
        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            if (text == null) {
                return lines;
            }
            for (String raw : text.split("\r\n|\r|\n", -1)) {
                String paragraph = clean(raw);
                int start = 0;
                int lastBreak = -1;
                float lineWidth = 0;
                int i = 0;
                while (i < paragraph.length()) {
                    int cp = paragraph.codePointAt(i);
                    float w = charWidth(cp, size);
                    if (lineWidth + w > width && i > start) {
                        // One closing mark may hang; the line is full once it has.
                        boolean hang = lastBreak <= start && NO_LINE_START.indexOf(cp) >= 0 && lineWidth <= width;
                        if (!hang) {
                            int end = lastBreak > start ? lastBreak : i;
                            lines.add(paragraph.substring(start, end).stripTrailing());
                            start = end;
                            while (start < paragraph.length() && paragraph.charAt(start) == ' ') {
                                start++;
                            }
                            i = Math.max(i, start);
                            lineWidth = textWidth(paragraph.substring(start, i), size);
                            lastBreak = -1;
                            continue;
                        }
                    }
                    lineWidth += w;
                    i += Character.charCount(cp);
                    if (cp == ' ') {
                        lastBreak = i;
                    }
                }
                lines.add(paragraph.substring(start).stripTrailing());
            }
            return lines;
        }

        /** The text with every character the font cannot show replaced by '?', so that showText never throws. */
        private String clean(String text) throws IOException {
            StringBuilder clean = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == '\t') {
                    clean.append(' ');
                } else if (encodable(cp)) {
                    clean.appendCodePoint(cp);
                } else {
                    clean.append('?');
                }
            }
            return clean.toString();
        }

        private boolean encodable(int cp) throws IOException {
            Boolean known = encodable.get(cp);
            if (known == null) {
                known = !Character.isISOControl(cp) && Character.getType(cp) != Character.SURROGATE;
                if (known) {
                    try {
                        font.encode(new String(Character.toChars(cp)));
                    } catch (IllegalArgumentException noGlyph) {
                        known = false;
                    }
                }
                encodable.put(cp, known);
            }
            return known;
        }

        private float charWidth(int cp, float size) throws IOException {
            Float units = widths.get(cp);
            if (units == null) {
                units = font.getStringWidth(new String(Character.toChars(cp)));
                widths.put(cp, units);
            }
            return units / 1000f * size;
        }

        private float textWidth(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000f * size;
        }

        private static float width() {
            return PAGE.getWidth() - 2 * MARGIN;
        }

        private static float top() {
            return PAGE.getHeight() - MARGIN;
        }

        private static float bottom() {
            return MARGIN + FOOTER;
        }
    }
}
