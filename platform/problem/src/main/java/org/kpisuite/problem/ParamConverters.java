package org.kpisuite.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalQuery;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts every path, query and header parameter of every service, so that a resource method declares the type
 * it wants ({@code Integer fiscalYear}, {@code long version}, {@code LocalDate asOf}, {@code YearMonth month},
 * {@code Instant}, an enum, a cursor) and a value that does not convert is the same 400 problem naming the
 * parameter; JAX-RS would answer a
 * bare 404 for a query or path parameter it cannot convert. Ranges and presence are Bean Validation's
 * ({@code @NotNull}, {@code @Min}, {@code @Max} on the parameter).
 *
 * <p>What it refuses in any parameter: a NUL character (PostgreSQL cannot store one, and no code, name or date holds
 * one), and dates, months and instants outside the years 0001–9999 — what ISO 8601 writes with four digits, what
 * a JSON client, a spreadsheet and the database hold ({@code +999999999-12-31} parses in Java and fails later).
 *
 * <p>A blank value of a non-string type reads as absent (null) in a query or header, and is refused in a path, which
 * is never absent, or for a primitive type, which cannot be null. Other types convert when they have a
 * public static {@code fromString(String)} (as JAX-RS itself would call); an {@link IllegalArgumentException} it
 * throws is the reason of the 400.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private static final Instant FIRST_INSTANT = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST_INSTANT = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC)
            .toInstant();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        Function<String, ?> parse;
        if (rawType == String.class) {
            parse = Function.identity();
        } else if (rawType == Integer.class || rawType == int.class) {
            parse = whole(Integer::valueOf, Integer.MIN_VALUE, Integer.MAX_VALUE, annotations);
        } else if (rawType == Long.class || rawType == long.class) {
            parse = whole(Long::valueOf, Long.MIN_VALUE, Long.MAX_VALUE, annotations);
        } else if (rawType == Boolean.class || rawType == boolean.class) {
            parse = ParamConverters::bool;
        } else if (rawType == LocalDate.class) {
            parse = ParamConverters::date;
        } else if (rawType == YearMonth.class) {
            parse = ParamConverters::month;
        } else if (rawType == Instant.class) {
            parse = ParamConverters::instant;
        } else if (rawType.isEnum()) {
            parse = text -> constant((Class) rawType, text);
        } else {
            parse = fromString(rawType);
            if (parse == null) {
                return null;
            }
        }
        boolean required = rawType.isPrimitive() || Arrays.stream(annotations)
                .anyMatch(a -> a instanceof PathParam || a instanceof RestPath);
        return (ParamConverter<T>) new Converter<>(name, rawType == String.class, required, parse);
    }

    /** An ISO 8601 instant with Z or an offset (also when a query left the + of its offset a space), years 0001–9999. */
    public static Instant instant(String text) {
        String iso = text.replaceFirst(" (\\d{2}:?\\d{2})$", "+$1");
        Instant instant;
        try {
            instant = OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO 8601 instant such as 2025-04-30T23:55:00Z or "
                    + "2025-05-01T08:55:00+09:00, not '" + text + "'");
        }
        if (!held(instant)) {
            throw new IllegalArgumentException("must be an instant in the years " + MIN_YEAR + " to " + MAX_YEAR
                    + ", not '" + text + "'");
        }
        return instant;
    }

    private static boolean held(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    private static boolean held(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(AFTER_LAST_INSTANT);
    }

    /**
     * A date of a request body in the years a parameter takes, else the same 400 naming its field: Java reads years
     * (-999999999-01-01) the database does not hold.
     */
    public static void checkYears(String field, LocalDate date) {
        if (date != null && !held(date.getYear())) {
            throw ProblemException.badRequest(field, "must be a date in the years " + MIN_YEAR + " to " + MAX_YEAR
                    + ", not " + date);
        }
    }

    /** An instant of a request body in the years a parameter takes, as {@link #checkYears(String, LocalDate)}. */
    public static void checkYears(String field, Instant instant) {
        if (instant != null && !held(instant)) {
            throw ProblemException.badRequest(field, "must be an instant in the years " + MIN_YEAR + " to " + MAX_YEAR
                    + ", not " + instant);
        }
    }

    /**
     * A whole number of the parameter's type. One beyond the type says the range the parameter takes (its
     * {@code @Min} and {@code @Max}, else the type's), as Bean Validation would for one within the type.
     */
    private static <N> Function<String, N> whole(Function<String, N> valueOf, long min, long max,
            Annotation[] annotations) {
        long from = Arrays.stream(annotations).filter(Min.class::isInstance).mapToLong(a -> ((Min) a).value())
                .reduce(Math::max).orElse(min);
        long to = Arrays.stream(annotations).filter(Max.class::isInstance).mapToLong(a -> ((Max) a).value())
                .reduce(Math::min).orElse(max);
        return text -> {
            try {
                return valueOf.apply(text);
            } catch (NumberFormatException e) {
                String range = isInteger(text) ? " from " + from + " to " + to : "";
                throw new IllegalArgumentException("must be a whole number" + range + ", not '" + text + "'");
            }
        };
    }

    private static boolean isInteger(String text) {
        try {
            new BigInteger(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false, not '" + text + "'");
        };
    }

    static LocalDate date(String text) {
        return temporal(text, DATE, LocalDate::from, LocalDate::getYear, "a date formatted YYYY-MM-DD");
    }

    static YearMonth month(String text) {
        return temporal(text, MONTH, YearMonth::from, YearMonth::getYear, "a month formatted YYYY-MM");
    }

    private static <T> T temporal(String text, DateTimeFormatter format, TemporalQuery<T> type, ToIntFunction<T> year,
            String what) {
        try {
            T value = format.parse(text, type);
            if (held(year.applyAsInt(value))) {
                return value;
            }
        } catch (DateTimeException e) {
            // the same answer as a year out of range
        }
        throw new IllegalArgumentException("must be " + what + " in the years " + MIN_YEAR + " to " + MAX_YEAR
                + ", not '" + text + "'");
    }

    static <E extends Enum<E>> E constant(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ")) + ", not '" + text + "'");
    }

    private static Function<String, ?> fromString(Class<?> type) {
        try {
            Method method = type.getMethod("fromString", String.class);
            if (!Modifier.isStatic(method.getModifiers()) || !type.isAssignableFrom(method.getReturnType())) {
                return null;
            }
            return text -> {
                try {
                    return method.invoke(null, text);
                } catch (ReflectiveOperationException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw new IllegalStateException("cannot call " + method, e);
                }
            };
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations) {
            String name = a instanceof QueryParam q ? q.value()
                    : a instanceof PathParam p ? p.value()
                    : a instanceof HeaderParam h ? h.value()
                    : a instanceof RestQuery q ? q.value()
                    : a instanceof RestPath p ? p.value()
                    : a instanceof RestHeader h ? h.value()
                    : null;
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private record Converter<T>(String name, boolean string, boolean required, Function<String, T> parse)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            if (value.indexOf('\0') >= 0) {
                throw invalid(ProblemException.badRequest(name, "must not contain the NUL character (U+0000)"));
            }
            if (string) {
                return parse.apply(value);
            }
            String text = value.trim();
            if (text.isEmpty()) {
                if (required) {
                    throw invalid(ProblemException.badRequest(name, "must not be blank"));
                }
                return null;
            }
            try {
                return parse.apply(text);
            } catch (ProblemException e) {
                throw invalid(e);
            } catch (IllegalArgumentException e) {
                throw invalid(ProblemException.badRequest(name, e.getMessage()));
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }

        /** JAX-RS passes a WebApplicationException on as it is; {@link ProblemMappers} renders its cause. */
        private static BadRequestException invalid(ProblemException problem) {
            return new BadRequestException(problem.getMessage(), problem);
        }
    }
}
