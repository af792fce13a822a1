package org.kpisuite.ingestion.service;

import org.kpisuite.problem.ProblemException;

/**
 * Why a submitted value is refused: the field and the reason, and the HTTP status a single submission answers
 * with (400 malformed, 403 another department, 409 closed month, 422 breaks a rule). A batch lists it per row.
 */
public record Rejection(int status, String field, String reason) {

    public static Rejection malformed(String field, String reason) {
        return new Rejection(400, field, reason);
    }

    public static Rejection invalid(String field, String reason) {
        return new Rejection(422, field, reason);
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
