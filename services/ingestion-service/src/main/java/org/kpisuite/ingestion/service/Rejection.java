package org.kpisuite.ingestion.service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;

/**
 * Why a submitted value is refused: the field and the reason, and the HTTP status a single submission answers
 * with (400 malformed, 403 another department, 409 closed month, 422 breaks a rule). A batch lists it per row.
 * {@code code} names the rule in a few stable words, for the metric {@code kpi.measurements.rejected}; {@code rule}
 * is the name of the indicator's validation rule the value breaks, if that is why. The reason is a key of
 * {@link Messages} with its arguments, worded in English or Japanese as the request asks.
 */
public record Rejection(int status, String field, String code, String rule, String key, List<String> args) {

    /** The reason in English. */
    public String reason() {
        return reason(Locale.ROOT);
    }

    public String reason(Locale locale) {
        return Messages.format(locale, key, args);
    }

    private static String codeOf(int status, String field) {
        return switch (status) {
            case 400 -> "malformed";
            case 403 -> "other_department";
            case 409 -> "closed_period";
            default -> "invalid_" + field.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
        };
    }

    public static Rejection malformed(String field, String key, String... args) {
        return new Rejection(400, field, codeOf(400, field), null, key, List.of(args));
    }

    /** A malformed value with a code of its own (e.g. {@code wrong_frequency}). */
    public static Rejection malformedAs(String code, String field, String key, String... args) {
        return new Rejection(400, field, code, null, key, List.of(args));
    }

    /** A message already worded (by Bean Validation, in the request's language). */
    public static Rejection malformedText(String field, String text) {
        return malformed(field, "text", text);
    }

    /** A broken rule with its own code, e.g. {@code unknown_indicator}. */
    public static Rejection invalid(String code, String field, String key, String... args) {
        return new Rejection(422, field, code, null, key, List.of(args));
    }

    /** A broken validation rule of the indicator, named. */
    public static Rejection rule(String rule, String field, String key, String... args) {
        return new Rejection(422, field, "rule", rule, key, Arrays.asList(args));
    }

    public static Rejection forbidden(String field, String key, String... args) {
        return new Rejection(403, field, codeOf(403, field), null, key, List.of(args));
    }

    public static Rejection closed(String field, String key, String... args) {
        return new Rejection(409, field, codeOf(409, field), null, key, List.of(args));
    }

    public ProblemException toException() {
        return toException(Locale.ROOT);
    }

    /** The problem a single submission answers with, worded in the locale; it names the rule if one was broken. */
    public ProblemException toException(Locale locale) {
        String text = reason(locale);
        List<Problem.Violation> violations = List.of(new Problem.Violation(field, text));
        return switch (status) {
            case 400 -> new Rejected(this, 400, "bad-request", "Malformed request", field + ": " + text, violations);
            case 403 -> new Rejected(this, 403, "forbidden", "Forbidden", field + ": " + text, violations);
            case 409 -> new Rejected(this, 409, "period-closed", "Period closed", text, violations);
            default -> rule != null
                    ? new Rejected(this, 422, "rule-broken", "Validation rule broken", field + ": " + text, violations)
                    : new Rejected(this, 422, "validation", "Invalid request", field + ": " + text, violations);
        };
    }

    /** The problem of a rejection, which keeps the rejection so that a resource can word it in another language. */
    public static final class Rejected extends ProblemException {
        private final transient Rejection rejection;

        Rejected(Rejection rejection, int status, String type, String title, String detail,
                List<Problem.Violation> violations) {
            super(status, type, title, detail, violations);
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }
}
