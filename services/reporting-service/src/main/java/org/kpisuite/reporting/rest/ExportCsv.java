package org.kpisuite.reporting.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * RFC 4180 CSV of records, written by jackson-dataformat-csv: a header row of the record's component names (the
 * JSON property names), one line per record, CRLF line ends, UTF-8. A field with a comma, a double quote or a line
 * break is quoted, its quotes doubled. Null is an empty field; a decimal is written plainly (162000, never 1.62E+5).
 *
 * <p>Safe to open in a spreadsheet (OWASP CSV injection): a text cell that starts with {@code = + - @}, a tab or a
 * carriage return, which Excel or LibreOffice would run as a formula, is written with a leading apostrophe, in
 * every text column (names, departments, breakdown values, notes). So is one that starts with their full-width
 * forms {@code ＝ ＋ － ＠} (U+FF1D, U+FF0B, U+FF0D, U+FF20), which a Japanese spreadsheet reads as the ASCII ones.
 * Numeric columns stay numbers, negative ones included.
 */
final class ExportCsv {

    /** The UTF-8 byte order mark, with which Excel reads the file as UTF-8 (Japanese names intact). */
    static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private ExportCsv() {
    }

    static <R extends Record> byte[] write(Class<R> type, List<R> rows, boolean bom) {
        RecordComponent[] columns = type.getRecordComponents();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (RecordComponent column : columns) {
            Class<?> t = column.getType();
            schema.addColumn(column.getName(), t == boolean.class || t == Boolean.class ? CsvSchema.ColumnType.BOOLEAN
                    : t.isPrimitive() || Number.class.isAssignableFrom(t) ? CsvSchema.ColumnType.NUMBER
                    : CsvSchema.ColumnType.STRING);
        }
        ObjectWriter writer = MAPPER.writer(schema.build());
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * (rows.size() + 1));
        if (bom) {
            out.writeBytes(BOM);
        }
        try (SequenceWriter csv = writer.writeValues(out)) {
            Object[] cells = new Object[columns.length];
            for (R row : rows) {
                for (int i = 0; i < columns.length; i++) {
                    cells[i] = cell(value(columns[i], row));
                }
                csv.write(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the export as CSV", e);
        }
        return out.toByteArray();
    }

    /** What a cell holds: a number as a number, anything else as text that no spreadsheet runs. */
    static Object cell(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return neutralise(value.toString());
    }

    /**
     * OWASP's CSV injection guidance: a cell that would start a formula gets a leading apostrophe. The full-width
     * forms count too: Excel with a Japanese input method takes {@code ＝SUM(…)} for {@code =SUM(…)}.
     */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + text;
            default -> text;
        };
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + column.getName() + " of " + row.getClass(), e);
        }
    }
}
