package org.kpisuite.ingestion.service;

import org.kpisuite.problem.ProblemException;

/**
 * Why a submitted value is refused: the field and the reason, and the HTTP status a single submission answers
 * with (400 malformed, 403 another department, 409 closed month, 422 breaks a rule). A batch lists it per row.
 * {@code code} names the rule in a few stable words, for the metric {@code kpi.measurements.rejected}.
 */
public record Rejection(int status, String field, String reason, String code) {

    /** A rejection whose code is derived from its status and field (e.g. {@code invalid_value}). */
    public Rejection(int status, String field, String reason) {
        this(status, field, reason, switch (status) {
            case 400 -> "malformed";
            case 403 -> "other_department";
            case 409 -> "closed_period";
            default -> "invalid_" + field.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(java.util.Locale.ROOT);
        });
    }

    public static Rejection malformed(String field, String reason) {
        return new Rejection(400, field, reason);
    }

    public static Rejection invalid(String field, String reason) {
        return new Rejection(422, field, reason);
    }

    /** A broken rule with its own code, e.g. {@code unknown_indicator}. */
    public static Rejection invalid(String code, String field, String reason) {
        return new Rejection(422, field, reason, code);
    }

    public static Rejection forbidden(String field, String reason) {
        return new Rejection(403, field, reason);
    }

    public static Rejection closed(String field, String reason) {
        return new Rejection(409, field, reason);
    }

    public ProblemException toException() {
        return switch (status) {
            case 400 -> ProblemException.badRequest(field, reason);
            case 403 -> new ProblemException(403, "forbidden", "Forbidden", field + ": " + reason,
                    java.util.List.of(new org.kpisuite.problem.Problem.Violation(field, reason)));
            case 409 -> new ProblemException(409, "period-closed", "Period closed", reason,
                    java.util.List.of(new org.kpisuite.problem.Problem.Violation(field, reason)));
            default -> ProblemException.invalidField(field, reason);
        };
    }
}
