package org.kpisuite.reporting.rest;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV of records: a header row of the record's component names (the JSON property names), one line
 * per record, CRLF line ends, UTF-8. A field with a comma, a double quote or a line break is quoted, its quotes
 * doubled. Null is an empty field; a decimal is written plainly (162000, never 1.62E+5).
 */
final class ExportCsv {

    /** The UTF-8 byte order mark, with which Excel reads the file as UTF-8 (Japanese names intact). */
    static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private ExportCsv() {
    }

    static <R extends Record> byte[] write(Class<R> type, List<R> rows, boolean bom) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder csv = new StringBuilder(128 * (rows.size() + 1));
        for (int i = 0; i < columns.length; i++) {
            csv.append(i == 0 ? "" : ",").append(field(columns[i].getName()));
        }
        csv.append("\r\n");
        for (R row : rows) {
            for (int i = 0; i < columns.length; i++) {
                csv.append(i == 0 ? "" : ",").append(field(text(value(columns[i], row))));
            }
            csv.append("\r\n");
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        if (!bom) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(BOM.length + text.length);
        out.writeBytes(BOM);
        out.writeBytes(text);
        return out.toByteArray();
    }

    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + column.getName() + " of " + row.getClass(), e);
        }
    }
}
