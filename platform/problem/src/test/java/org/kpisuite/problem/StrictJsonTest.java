package org.kpisuite.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A key given twice, or a value that is not JSON, is refused and named by its own path (not the object around it),
 * whatever type the body is read as.
 */
class StrictJsonTest {

    record Status(String status) {
    }

    record Row(String indicatorCode, BigDecimal value) {
    }

    record Batch(String mode, List<Row> rows) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        StrictJson.apply(MAPPER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"status\":\"DELAYED\",\"status\":\"ON_TRACK\"}|Status|status",
            "{\"status\":null,\"status\":null}|Status|status",
            "{\"mode\":\"ATOMIC\",\"rows\":[{\"indicatorCode\":\"a\",\"value\":1,\"indicatorCode\":\"b\"}]}|Batch|rows[0].indicatorCode",
            "{\"rows\":[{\"indicatorCode\":\"a\"},{\"value\":1,\"value\":2}],\"mode\":\"ATOMIC\"}|Batch|rows[1].value",
            "{\"mode\":\"A\",\"rows\":[],\"mode\":\"B\"}|Batch|mode",
            "{\"a\":{\"b\":[1,{\"c\":1,\"c\":2}]}}|Object|a.b[1].c" })
    void aRepeatedKeyIsNamed(String json, String type, String field) {
        assertThat(StrictJson.duplicateKey(refused(json, type))).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"indicatorCode\":\"a\",\"value\":NaN}|Row|value",
            "{\"mode\":\"ATOMIC\",\"rows\":[{\"indicatorCode\":\"a\",\"value\":NaN}]}|Batch|rows[0].value",
            "{\"mode\":\"ATOMIC\",\"rows\":[{\"value\":1},{\"value\":-Infinity}]}|Batch|rows[1].value",
            "{\"rows\":[{\"indicatorCode\":'a'}],\"mode\":\"ATOMIC\"}|Batch|rows[0].indicatorCode",
            "{\"a\":{\"b\":[1,{\"c\":01}]}}|Object|a.b[1].c",
            "{\"a\":[1,2,NaN]}|Object|a[2]",
            "NaN|Row|''",
            "{\"rows\":[{\"value\":1,}],\"mode\":\"ATOMIC\"}|Batch|rows[0]",
            "{\"mode\":\"ATOMIC\" \"rows\":[]}|Batch|''",
            "{\"rows\":[{\"value\":1,indicatorCode:\"a\"}]}|Batch|rows[0]",
            "{\"rows\":[{\"value\":1}{\"value\":2}]}|Batch|rows",
            "{\"rows\":[{\"value\":1}],\"mode\":\"ATOMIC\"|Batch|''",
            "{\"a\":{\"b\":[1,{\"c\":\"x\\q\"}]}}|Object|a.b[1].c" })
    void aValueThatIsNotJsonIsNamedByItsOwnPath(String json, String type, String field) {
        JsonProcessingException refused = refused(json, type);
        assertThat(StrictJson.unparsableAt(refused)).as(json).isEqualTo(field);
        assertThat(StrictJson.duplicateKey(refused)).as(json).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "number|Batch|number value length",
            "nesting|Object|document nesting depth" })
    void aBodyBeyondTheReadersLimitsSaysWhichLimit(String kind, String type, String reason) {
        JsonProcessingException refused = refused(kind.equals("number")
                ? "{\"mode\":\"ATOMIC\",\"rows\":[{\"value\":1},{\"value\":0." + "0".repeat(2000) + "1}]}"
                : "[".repeat(1001) + "]".repeat(1001), type);
        // The length as the parser counts it (with or without the point, by the kind of input) and the limit.
        assertThat(StrictJson.limitExceeded(refused)).startsWith("holds more than the JSON reader accepts: " + reason
                + " (").endsWith(") exceeds the maximum allowed (1000)");
        assertThat(StrictJson.unparsableAt(refused)).isNull();
    }

    record Typed(Integer fiscalYear, long version, BigDecimal value, Boolean dryRun) {
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"fiscalYear\":\"2024\"}|fiscalYear",
            "{\"version\":\"1\"}|version",
            "{\"value\":\"12\"}|value",
            "{\"value\":\"1.5\"}|value",
            "{\"value\":\"\u0661\u0662\"}|value",
            "{\"dryRun\":\"true\"}|dryRun" })
    void aNumberOrABooleanGivenAsTextIsRefusedAndNamed(String json, String field) throws Exception {
        var refused = catchThrowableOfType(com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
                () -> MAPPER.readValue(json, Typed.class));
        assertThat(refused).as(json).isNotNull();
        assertThat(refused.getPath()).as(json).extracting(r -> r.getFieldName()).containsExactly(field);
    }

    @org.junit.jupiter.api.Test
    void numbersAndBooleansAsJsonAreRead() throws Exception {
        assertThat(MAPPER.readValue("{\"fiscalYear\":2024,\"version\":3,\"value\":-0.5e1,\"dryRun\":true}", Typed.class))
                .isEqualTo(new Typed(2024, 3, new BigDecimal("-5"), true));
    }

    record Dated(java.time.LocalDate doneOn, java.time.YearMonth month) {
    }

    private static final ObjectMapper DATES = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("dates")
                    .addDeserializer(java.time.LocalDate.class, StrictJson.IsoDateReader.dates())
                    .addDeserializer(java.time.YearMonth.class, StrictJson.IsoDateReader.months()));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"doneOn\":20240421}|doneOn|must be a date formatted YYYY-MM-DD as a JSON string",
            "{\"doneOn\":19835}|doneOn|must be a date formatted YYYY-MM-DD as a JSON string",
            "{\"doneOn\":[2024,4,21]}|doneOn|must be a date formatted YYYY-MM-DD as a JSON string",
            "{\"doneOn\":\"2024-04-21T00:00:00Z\"}|doneOn|must be a date formatted YYYY-MM-DD in the years 0001 to 9999, not '2024-04-21T00:00:00Z'",
            "{\"doneOn\":\"2024-02-30\"}|doneOn|must be a date formatted YYYY-MM-DD in the years 0001 to 9999, not '2024-02-30'",
            "{\"doneOn\":\"0000-01-01\"}|doneOn|must be a date formatted YYYY-MM-DD in the years 0001 to 9999, not '0000-01-01'",
            "{\"doneOn\":\"+12024-01-01\"}|doneOn|must be a date formatted YYYY-MM-DD in the years 0001 to 9999, not '+12024-01-01'",
            "{\"month\":[2024,5]}|month|must be a month formatted YYYY-MM as a JSON string",
            "{\"month\":\"2024-13\"}|month|must be a month formatted YYYY-MM in the years 0001 to 9999, not '2024-13'" })
    void aDateIsAStringOfItsOwnFormInTheYearsTheSuiteHolds(String json, String field, String reason) {
        var refused = catchThrowableOfType(StrictJson.RefusedValueException.class, () -> DATES.readValue(json, Dated.class));
        assertThat(refused).as(json).isNotNull();
        assertThat(refused.reason()).as(json).isEqualTo(reason.replace("0001 to 9999", ParamConverters.MIN_YEAR + " to "
                + ParamConverters.MAX_YEAR));
        assertThat(refused.getPath()).extracting(r -> r.getFieldName()).containsExactly(field);
    }

    @org.junit.jupiter.api.Test
    void datesAndMonthsInTheirFormAreRead() throws Exception {
        assertThat(DATES.readValue("{\"doneOn\":\"2024-02-29\",\"month\":\"2024-05\"}", Dated.class))
                .isEqualTo(new Dated(java.time.LocalDate.of(2024, 2, 29), java.time.YearMonth.of(2024, 5)));
        assertThat(DATES.readValue("{\"doneOn\":null}", Dated.class)).isEqualTo(new Dated(null, null));
    }

    record Done(@com.fasterxml.jackson.annotation.JsonProperty(required = true) java.time.LocalDate doneOn) {
    }

    @org.junit.jupiter.api.Test
    void aRequiredKeyLeftOutIsNamedAndItsNullIsRead() throws Exception {
        JsonProcessingException refused = catchThrowableOfType(JsonProcessingException.class,
                () -> DATES.readValue("{}", Done.class));
        assertThat(StrictJson.missingKey(refused)).isEqualTo("doneOn");
        assertThat(DATES.readValue("{\"doneOn\":null}", Done.class)).isEqualTo(new Done(null));
        assertThat(StrictJson.missingKey(refused("{\"status\":[1]}", "Status"))).isNull();
    }

    /** The mapper's refusal of the JSON read as the type named (Status, Row, Batch, or anything). */
    private static JsonProcessingException refused(String json, String type) {
        Class<?> target = switch (type) {
            case "Status" -> Status.class;
            case "Row" -> Row.class;
            case "Batch" -> Batch.class;
            default -> Object.class;
        };
        JsonProcessingException refused = catchThrowableOfType(JsonProcessingException.class,
                () -> MAPPER.readValue(json, target));
        assertThat(refused).as(json).isNotNull();
        return refused;
    }
}
