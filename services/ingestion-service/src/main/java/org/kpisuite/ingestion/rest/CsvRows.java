package org.kpisuite.ingestion.rest;

import java.io.IOException;
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

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.kpisuite.fiscal.PeriodText;
import org.kpisuite.ingestion.service.BatchImportService;
import org.kpisuite.ingestion.service.BatchRow;
import org.kpisuite.ingestion.service.MeasurementRequest;
import org.kpisuite.ingestion.service.Rejection;
import org.kpisuite.problem.ColumnNumbers;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.RequestContract;
import org.kpisuite.problem.TextRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Reads a CSV upload (RFC 4180: commas, double quotes, CRLF or LF; parsed by jackson-dataformat-csv) into batch
 * rows. The header names the columns
 * (case-insensitively, any order): indicatorCode, component, breakdown, department, period (or month), value, note,
 * reason. As Excel saves them: a period written 2024/6/1, 2024/06, 2024年6月, 2024年度第1四半期, 2024年度上期 or
 * 2024年度 is read as 2024-06, 2024-Q1, 2024-H1 or FY2024 ({@link PeriodText}); a value with thousands separators
 * ("25,200", full-width digits too) as the number.
 * A charset label that the bytes contradict (UTF-8 bytes labelled Shift_JIS) is a 400, not a guess.
 * The encoding is the Content-Type's charset when given; else UTF-8 when the body starts with a UTF-8 BOM or is
 * valid UTF-8; else windows-31j (Shift_JIS as Excel saves it in Japan); bytes valid in none of them are a 400, an
 * unknown charset a 415. Empty lines are skipped and not counted. A cell holding a NUL or a lone surrogate is a 400
 * naming its column; a value is parsed in time linear in its length and must fit the numeric column.
 */
final class CsvRows {

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final List<String> COLUMNS = List.of("indicatorCode", "component", "breakdown", "department", "period",
            "month", "value", "note", "reason");
    // department may be left out by a kpi-submitter: its token names it; period or month names the period.
    private static final List<String> REQUIRED = List.of("indicatorCode", "value");
    private static final Pattern ASCII_NUMBER = Pattern.compile("[0-9.eE+-]*");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final ObjectReader READER = new CsvMapper().readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES);

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
            return new BatchRow(index, null, Rejection.malformed("row", "row.fields", String.valueOf(fields.size()),
                    String.valueOf(columns.size())), null);
        }
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            if (column.getValue() < fields.size()) {
                String reason = TextRules.violation(fields.get(column.getValue()));
                if (reason != null) {
                    throw ProblemException.badRequest(column.getKey(), "row " + index + ": " + reason);
                }
            }
        }
        String text = field(fields, columns, "value");
        BigDecimal value = null;
        if (text != null) {
            // Longer text is no number the column holds: refused by its length before anything reads it whole.
            String number = text.length() > ColumnNumbers.MAX_TEXT_LENGTH ? text
                    : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
            if (number.length() <= ColumnNumbers.MAX_TEXT_LENGTH && GROUPED.matcher(number).matches()) {
                number = number.replace(",", ""); // "25,200" as Excel writes a number with thousands separators
            }
            if (!ASCII_NUMBER.matcher(number).matches()) {
                // BigDecimal reads any script's digits (١٢ is 12); a value is written in ASCII digits, which NFKC
                // makes of full-width ones.
                return new BatchRow(index, null, Rejection.malformed("value", "value.unreadable", text), null);
            }
            ColumnNumbers.Parsed parsed = ColumnNumbers.parse(number);
            if (parsed.value() == null) {
                return new BatchRow(index, null, number.length() <= ColumnNumbers.MAX_TEXT_LENGTH
                        && parsed.reason().startsWith("cannot read") ? Rejection.malformed("value", "value.unreadable", text)
                        : Rejection.malformedText("value", parsed.reason()), null);
            }
            // As the column holds it: 0e999999999 is 0 and 1.0000000 is 1, whatever their scale said.
            value = ColumnNumbers.plain(parsed.value());
        }
        // Either column names the period; a month column of a spreadsheet may hold a quarter's name too. Both given
        // must name the same period (as written or as read), as a JSON row's period and month must.
        String inPeriod = periodOf(field(fields, columns, "period"));
        String inMonth = periodOf(field(fields, columns, "month"));
        if (inPeriod != null && inMonth != null && !inPeriod.equals(inMonth)) {
            return new BatchRow(index, null, Rejection.malformed("period", "period.both", inPeriod, inMonth), "period");
        }
        String period = inPeriod != null ? inPeriod : inMonth;
        String column = inPeriod != null ? "period" : "month";
        return BatchRow.of(index, new MeasurementRequest(field(fields, columns, "indicatorCode"),
                field(fields, columns, "component"), field(fields, columns, "breakdown"),
                field(fields, columns, "department"), null, value, field(fields, columns, "note"),
                field(fields, columns, "reason"), period == null ? null : period), column);
    }

    /** A period as Excel may write it, read (2024年6月 is 2024-06); text that is none is kept for the check to name. */
    private static String periodOf(String text) {
        if (text == null) {
            return null;
        }
        return PeriodText.read(text).map(Object::toString).orElse(text);
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
            String name = TextRules.require("header", names.get(i)).trim();
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
        if (!columns.containsKey("period") && !columns.containsKey("month")) {
            throw ProblemException.badRequest("header", "column 'period' (or 'month') is missing; the columns are "
                    + String.join(",", COLUMNS));
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
                throw RequestContract.unsupported("charset", "unknown character set '" + charsetName + "'");
            }
            String text = stripBom(strict(body, charset, "is not valid " + charset.name()));
            if (!charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.US_ASCII) && isUtf8(body)) {
                throw ProblemException.badRequest("charset", "the body is labelled " + charset.name()
                        + " but its bytes are UTF-8; label it charset=UTF-8 or send it as " + charset.name());
            }
            return text;
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return strict(ByteBuffer.wrap(body, 3, body.length - 3), StandardCharsets.UTF_8,
                    "starts with a UTF-8 byte order mark but is not valid UTF-8");
        }
        try {
            return decoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return strict(body, WINDOWS_31J, "is neither valid UTF-8 nor valid Shift_JIS (windows-31j); name the "
                    + "charset in the Content-Type");
        }
    }

    /** UTF-8 with at least one multi-byte character (pure ASCII is every charset's). */
    private static boolean isUtf8(byte[] body) {
        boolean multiByte = false;
        for (byte b : body) {
            if (b < 0) {
                multiByte = true;
                break;
            }
        }
        if (!multiByte) {
            return false;
        }
        try {
            decoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String strict(byte[] body, Charset charset, String reason) {
        return strict(ByteBuffer.wrap(body), charset, reason);
    }

    private static String strict(ByteBuffer body, Charset charset, String reason) {
        try {
            return decoder(charset).decode(body).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", reason);
        }
    }

    private static java.nio.charset.CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** RFC 4180 records; lines without any content are left out. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<List<String>> it = READER.readValues(text)) {
            while (it.hasNextValue()) {
                records.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw ProblemException.badRequest("body", "is not valid CSV" + (line > 0 ? " at line " + line : "")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return records;
    }
}
