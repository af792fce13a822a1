package org.kpisuite.ingestion.rest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kpisuite.ingestion.service.BatchImportService;
import org.kpisuite.ingestion.service.BatchRow;
import org.kpisuite.ingestion.service.Rejection;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.ingestion.service.MeasurementRequest;

/**
 * Reads a CSV upload (RFC 4180: commas, double quotes, CRLF or LF) into batch rows. The header names the columns
 * (case-insensitively, any order): indicatorCode, component, breakdown, department, month, value, note, reason.
 * The encoding is the Content-Type's charset when given; else UTF-8 when the body starts with a UTF-8 BOM or is
 * valid UTF-8; else windows-31j (Shift_JIS as Excel saves it in Japan). Empty lines are skipped and not counted.
 */
final class CsvRows {

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final List<String> COLUMNS = List.of("indicatorCode", "component", "breakdown", "department", "month",
            "value", "note", "reason");
    // department may be left out by a kpi-submitter: its token names it.
    private static final List<String> REQUIRED = List.of("indicatorCode", "month", "value");

    private CsvRows() {
    }

    static List<BatchRow> read(byte[] body, String charsetName, int maxRows) {
        List<List<String>> records = parse(decode(body, charsetName));
        if (records.isEmpty()) {
            throw ProblemException.badRequest("body", "is empty; the first line must name the columns "
                    + String.join(",", COLUMNS));
        }
        Map<String, Integer> columns = header(records.get(0));
        BatchImportService.checkSize(records.size() - 1, maxRows);
        List<BatchRow> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            rows.add(row(i, records.get(i), columns));
        }
        return rows;
    }

    private static BatchRow row(int index, List<String> fields, Map<String, Integer> columns) {
        if (fields.size() > columns.size() && fields.subList(columns.size(), fields.size()).stream()
                .anyMatch(f -> !f.isBlank())) {
            return new BatchRow(index, null, Rejection.malformed("row", "has " + fields.size()
                    + " fields, the header " + columns.size()));
        }
        String text = field(fields, columns, "value");
        BigDecimal value = null;
        if (text != null) {
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return new BatchRow(index, null, Rejection.malformed("value", "cannot read '" + text + "' as a number"));
            }
        }
        return BatchRow.of(index, new MeasurementRequest(field(fields, columns, "indicatorCode"),
                field(fields, columns, "component"), field(fields, columns, "breakdown"),
                field(fields, columns, "department"), field(fields, columns, "month"), value,
                field(fields, columns, "note"), field(fields, columns, "reason")));
    }

    private static String field(List<String> fields, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= fields.size()) {
            return null;
        }
        String v = fields.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private static Map<String, Integer> header(List<String> names) {
        Map<String, String> known = new HashMap<>();
        COLUMNS.forEach(c -> known.put(c.toLowerCase(Locale.ROOT), c));
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (name.isEmpty()) {
                continue;
            }
            String column = known.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw ProblemException.badRequest("header", "unknown column '" + name + "'; the columns are "
                        + String.join(",", COLUMNS));
            }
            if (columns.put(column, i) != null) {
                throw ProblemException.badRequest("header", "column '" + column + "' appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw ProblemException.badRequest("header", "column '" + required + "' is missing; the columns are "
                        + String.join(",", COLUMNS));
            }
        }
        return columns;
    }

    static String decode(byte[] body, String charsetName) {
        if (charsetName != null && !charsetName.isBlank()) {
            Charset charset;
            try {
                charset = Charset.forName(charsetName.trim().replace("\"", ""));
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("charset", "unknown character set '" + charsetName + "'");
            }
            return stripBom(new String(body, charset));
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, WINDOWS_31J);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** RFC 4180 records; lines without any content are left out. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, fields, field, any);
                fields = new ArrayList<>();
                any = false;
            } else {
                field.append(ch);
                any = any || !Character.isWhitespace(ch);
            }
        }
        endRecord(records, fields, field, any);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> fields, StringBuilder field, boolean any) {
        fields.add(field.toString());
        field.setLength(0);
        if (any) {
            records.add(fields);
        }
    }
}
