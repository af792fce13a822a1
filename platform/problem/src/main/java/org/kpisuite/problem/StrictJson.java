package org.kpisuite.problem;

import java.io.DataInput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Strict reading of JSON, for request bodies and events alike: one document and nothing after it, each key once in
 * an object in a request body ({@code {"indicatorCode":"a","indicatorCode":"b"}} is refused, not read as whichever
 * came last; events, from the suite's own outbox, skip this check), enums by name only ({@code "mode": 1} is refused), booleans as true or false only ({@code "dryRun": 2} or
 * {@code "true"} is refused), numbers as JSON numbers only ({@code "value": "12"} is refused), the bytes
 * well-formed UTF-8 (no overlong forms, no encoded surrogates) and no string holding what {@link TextRules}
 * refuses. Every refusal is a Jackson exception that {@link ProblemMappers} answers with a 400 naming the field.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static void apply(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        // A number is a JSON number: "12" would be read as whatever Java's parser makes of the text (١٢ too).
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("kpi-strict-text").addDeserializer(String.class, new SafeString()));
        mapper.getFactory().setInputDecorator(new Utf8Check());
    }

    /** A value refused by one of the suite's own rules, with the reason its problem gives. */
    public static class RefusedValueException extends InvalidFormatException {

        private final String reason;

        RefusedValueException(JsonParser parser, String reason, Object value, Class<?> type) {
            super(parser, reason, value, type);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** A string value that TextRules refuses. */
    public static final class UnsafeTextException extends RefusedValueException {

        UnsafeTextException(JsonParser parser, String reason, String value) {
            super(parser, reason, value, String.class);
        }
    }

    /**
     * A date (or month) as the suite writes it and a parameter takes it: a JSON string {@code 2025-04-30}
     * ({@code 2025-04}) in the years 0001–9999 ({@link ParamConverters}). Jackson's own reader also takes a number as
     * days since 1970 ({@code 20240421} is the year 57386), an array of fields and a date with a time, each read
     * silently as some date.
     */
    public static final class IsoDateReader<T> extends StdScalarDeserializer<T> {

        private final java.util.function.Function<String, T> parse;
        private final String what;

        private IsoDateReader(Class<T> type, java.util.function.Function<String, T> parse, String what) {
            super(type);
            this.parse = parse;
            this.what = what;
        }

        public static IsoDateReader<java.time.LocalDate> dates() {
            return new IsoDateReader<>(java.time.LocalDate.class, ParamConverters::date, "a date formatted YYYY-MM-DD");
        }

        public static IsoDateReader<java.time.YearMonth> months() {
            return new IsoDateReader<>(java.time.YearMonth.class, ParamConverters::month, "a month formatted YYYY-MM");
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                throw new RefusedValueException(p, "must be " + what + " as a JSON string", p.getText(), handledType());
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new RefusedValueException(p, e.getMessage(), text, handledType());
            }
        }
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'",
            java.util.regex.Pattern.DOTALL);

    /**
     * The path of the key a body repeats ({@code rows[0].indicatorCode}), or null when the exception is not the
     * parser's refusal of a repeated key. The parser names the key and stands in the object that repeats it.
     */
    public static String duplicateKey(JsonProcessingException refused) {
        JsonParseException e = parserRefusal(refused);
        if (e == null || e.getOriginalMessage() == null) {
            return null;
        }
        java.util.regex.Matcher key = DUPLICATE.matcher(e.getOriginalMessage());
        if (!key.matches()) {
            return null;
        }
        // The parser checks a key before it takes its name, so the object's current name is the key before it.
        String object = path(e.getProcessor().getParsingContext().getParent());
        return object.isEmpty() ? key.group(1) : object + "." + key.group(1);
    }

    /**
     * The path of the value at which the parser refused the body ({@code rows[0].value} for a {@code NaN} there, or
     * for any other token that is not JSON), or of the object or list whose punctuation it refused ({@code rows[0]}
     * for a missing comma, a trailing one or an unquoted key there), or null when the refusal is not the parser's.
     * Databind names only the objects around a token it could not read, one level short of the key.
     */
    public static String unparsableAt(JsonProcessingException refused) {
        JsonParseException e = parserRefusal(refused);
        if (e == null) {
            return null;
        }
        JsonStreamContext context = e.getProcessor().getParsingContext();
        // Between entries the context still holds the entry before: the fault is the container's.
        String message = e.getOriginalMessage();
        boolean betweenEntries = message != null && BETWEEN_ENTRIES.matcher(message).find();
        return path(betweenEntries ? context.getParent() : context);
    }

    private static final java.util.regex.Pattern BETWEEN_ENTRIES = java.util.regex.Pattern.compile(
            "separate (Object|Array) entries|to start (a )?field name|close marker for (Object|Array)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The name of a key the body leaves out that its type requires ({@code @JsonProperty(required = true)}: a key
     * whose null means something, so that leaving it out is not taken for that), or null. Databind says it only in
     * its message; the path it carries is the object's.
     */
    public static String missingKey(JsonProcessingException refused) {
        if (!(refused instanceof MismatchedInputException e) || e.getOriginalMessage() == null) {
            return null;
        }
        java.util.regex.Matcher key = MISSING.matcher(e.getOriginalMessage());
        return key.find() ? key.group(1) : null;
    }

    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("^Missing required creator property '([^']+)'");

    /**
     * The reason for a body beyond the reader's limits (a number of more than 1,000 characters, nesting deeper than
     * 1,000 levels, ...), or null. The limit's exception carries no position: its field is the object around it.
     */
    public static String limitExceeded(JsonProcessingException refused) {
        StreamConstraintsException limit = cause(refused, StreamConstraintsException.class);
        if (limit == null || limit.getOriginalMessage() == null) {
            return null;
        }
        String what = limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
        return "holds more than the JSON reader accepts: " + Character.toLowerCase(what.charAt(0)) + what.substring(1);
    }

    /** The parser's own refusal that the exception is or wraps, with where the parser stood. */
    private static JsonParseException parserRefusal(JsonProcessingException refused) {
        JsonParseException e = cause(refused, JsonParseException.class);
        return e != null && e.getProcessor() != null && e.getProcessor().getParsingContext() != null ? e : null;
    }

    /** The exception or the first of its causes of the type: inside a list or map, databind wraps the parser's. */
    private static <T extends Throwable> T cause(Throwable refused, Class<T> type) {
        for (Throwable t = refused; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** {@code a.b[1].c}: the keys and indexes from the root down to the context, where the parser stands. */
    private static String path(JsonStreamContext context) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(path.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return path.toString();
    }

    /** Bytes that are not well-formed UTF-8 (RFC 3629): the body cannot be read as JSON. */
    public static final class MalformedUtf8Exception extends JsonParseException {

        MalformedUtf8Exception(String message) {
            super((JsonParser) null, message);
        }
    }

    private static final class SafeString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String reason = TextRules.violation(value);
            if (reason != null) {
                throw new UnsafeTextException(p, reason, value);
            }
            return value;
        }
    }

    private static final class Utf8Check extends InputDecorator {

        @Override
        public InputStream decorate(IOContext ctxt, InputStream in) {
            return new Utf8CheckingStream(in);
        }

        @Override
        public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length) {
            return new Utf8CheckingStream(new java.io.ByteArrayInputStream(src, offset, length));
        }

        @Override
        public Reader decorate(IOContext ctxt, Reader r) {
            return r;
        }

        @Override
        public DataInput decorate(IOContext ctxt, DataInput input) {
            return input;
        }
    }

    /** Checks the bytes as they pass, in constant memory: the table of well-formed sequences of Unicode 3-7. */
    static final class Utf8CheckingStream extends FilterInputStream {

        private int pending;
        private int low = 0x80;
        private int high = 0xBF;
        private long offset;

        Utf8CheckingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[off + i] & 0xFF);
            }
            return n;
        }

        private void end() throws MalformedUtf8Exception {
            if (pending > 0) {
                throw new MalformedUtf8Exception("the body ends inside a UTF-8 sequence");
            }
        }

        private void check(int b) throws MalformedUtf8Exception {
            offset++;
            if (pending > 0) {
                if (b < low || b > high) {
                    throw malformed(b);
                }
                pending--;
                low = 0x80;
                high = 0xBF;
                return;
            }
            if (b < 0x80) {
                return;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0; // overlong
                } else if (b == 0xED) {
                    high = 0x9F; // UTF-16 surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90; // overlong
                } else if (b == 0xF4) {
                    high = 0x8F; // beyond U+10FFFF
                }
            } else {
                throw malformed(b);
            }
        }

        private MalformedUtf8Exception malformed(int b) {
            return new MalformedUtf8Exception("byte " + offset + " (0x" + Integer.toHexString(b).toUpperCase()
                    + ") is not well-formed UTF-8 (overlong, surrogate or invalid byte)");
        }
    }
}
