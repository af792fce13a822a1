package org.kpisuite.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.stream.Stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParamConvertersTest {

    enum Mode { ATOMIC, ROW_BY_ROW }

    record Cursor(String key) {
        public static Cursor fromString(String text) {
            if (!text.startsWith("c:")) {
                throw new IllegalArgumentException("is not a cursor");
            }
            return new Cursor(text.substring(2));
        }
    }

    @SuppressWarnings("unused")
    void resource(@QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("asOf") LocalDate asOf,
            @QueryParam("month") YearMonth month, @QueryParam("updatedSince") Instant updatedSince,
            @QueryParam("limit") @Min(1) @Max(10000) Integer limit, @QueryParam("dryRun") Boolean dryRun, @QueryParam("mode") Mode mode, @QueryParam("cursor") Cursor cursor,
            @PathParam("code") String code, @PathParam("year") Integer year, @PathParam("version") long version) {
    }

    static Stream<Arguments> badValues() {
        String nul = "\u0000";
        Stream.Builder<Arguments> cases = Stream.builder();
        Stream.of("FY2024", "2024.5", "99999999999", "1e3", "2024" + nul).forEach(v -> cases.add(Arguments.of("fiscalYear", v)));
        Stream.of("+999999999-12-31", "-999999999-01-01", "10000-01-01", "0000-12-31", "2024-02-30", "2024-9-30",
                "30/09/2024", "2024-09-30T00:00", nul, "2024-09-30" + nul).forEach(v -> cases.add(Arguments.of("asOf", v)));
        Stream.of("0000-01", "+999999999-12", "10000-01", "2024-13", "2024-5", "2024-05-01", "2024-05" + nul)
                .forEach(v -> cases.add(Arguments.of("month", v)));
        Stream.of("+999999999-12-31T00:00:00Z", "0000-12-31T23:59:59Z", "9999-12-31T23:00:00-09:00", "2024-05-01",
                "yesterday", "2024-05-01T00:00:00Z" + nul).forEach(v -> cases.add(Arguments.of("updatedSince", v)));
        Stream.of("yes", "1", "2", "tru", nul).forEach(v -> cases.add(Arguments.of("dryRun", v)));
        Stream.of("1", "ROW", "atomic" + nul).forEach(v -> cases.add(Arguments.of("mode", v)));
        Stream.of("x", "c" + nul, nul).forEach(v -> cases.add(Arguments.of("cursor", v)));
        Stream.of(nul, "a" + nul + "b", "manabi" + nul).forEach(v -> cases.add(Arguments.of("code", v)));
        // A path is never absent, and a primitive cannot be: blank is refused there, not read as null.
        Stream.of("", " ", "\t", "\n").forEach(v -> cases.add(Arguments.of("year", v)));
        Stream.of("", "  ", "x", "1.5", "99999999999999999999").forEach(v -> cases.add(Arguments.of("version", v)));
        return cases.build();
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aValueThatDoesNotConvertIsA400NamingTheParameter(String name, String value) {
        assertThatThrownBy(() -> converter(name).fromString(value))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getResponse().getStatus()).isEqualTo(400);
                    Problem problem = ((ProblemException) e.getCause()).toProblem("/x");
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.violations()).extracting(Problem.Violation::field).containsExactly(name);
                });
    }

    @Test
    void goodValuesConvertAndBlankIsAbsent() {
        assertThat(converter("fiscalYear").fromString(" 2024 ")).isEqualTo(2024);
        assertThat(converter("fiscalYear").fromString("")).isNull();
        assertThat(converter("asOf").fromString("2024-09-30")).isEqualTo(LocalDate.of(2024, 9, 30));
        assertThat(converter("asOf").fromString("9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(converter("month").fromString("2024-05")).isEqualTo(YearMonth.of(2024, 5));
        assertThat(converter("updatedSince").fromString("2025-05-01T08:55:00 09:00"))
                .isEqualTo(Instant.parse("2025-04-30T23:55:00Z"));
        assertThat(converter("dryRun").fromString("TRUE")).isEqualTo(true);
        assertThat(converter("mode").fromString("row_by_row")).isEqualTo(Mode.ROW_BY_ROW);
        assertThat(converter("cursor").fromString("c:abc")).isEqualTo(new Cursor("abc"));
        assertThat(converter("code").fromString(" manabi ")).isEqualTo(" manabi ");
        assertThat(converter("year").fromString(" 2024")).isEqualTo(2024);
        assertThat(converter("version").fromString("3")).isEqualTo(3L);
    }

    @Test
    void aWholeNumberBeyondItsTypeSaysTheRangeTheParameterTakes() {
        assertThat(reason("limit", "99999999999")).isEqualTo("must be a whole number from 1 to 10000, not '99999999999'");
        assertThat(reason("fiscalYear", "99999999999"))
                .isEqualTo("must be a whole number from -2147483648 to 2147483647, not '99999999999'");
        assertThat(reason("version", "-99999999999999999999"))
                .isEqualTo("must be a whole number from -9223372036854775808 to 9223372036854775807, "
                        + "not '-99999999999999999999'");
        assertThat(reason("fiscalYear", "2024.5")).isEqualTo("must be a whole number, not '2024.5'");
    }

    private static String reason(String name, String value) {
        try {
            converter(name).fromString(value);
        } catch (BadRequestException e) {
            return ((ProblemException) e.getCause()).toProblem("/x").violations().get(0).reason();
        }
        throw new AssertionError(name + "=" + value + " converted");
    }

    @Test
    void aBodyOrUnannotatedParameterIsNotOurs() {
        assertThat(new ParamConverters().getConverter(LocalDate.class, LocalDate.class, new java.lang.annotation.Annotation[0]))
                .isNull();
    }

    @SuppressWarnings("unchecked")
    private static ParamConverter<Object> converter(String name) {
        Method method = Arrays.stream(ParamConvertersTest.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("resource")).findFirst().orElseThrow();
        for (Parameter p : method.getParameters()) {
            QueryParam q = p.getAnnotation(QueryParam.class);
            PathParam path = p.getAnnotation(PathParam.class);
            if (name.equals(q != null ? q.value() : path.value())) {
                return (ParamConverter<Object>) new ParamConverters().getConverter(p.getType(), p.getParameterizedType(),
                        p.getAnnotations());
            }
        }
        throw new IllegalArgumentException(name);
    }
}
