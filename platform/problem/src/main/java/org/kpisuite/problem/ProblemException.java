package org.kpisuite.problem;

import java.util.List;

/**
 * Thrown by services for an expected failure (bad input, unknown entity, conflict); rendered as
 * problem+json by {@link ProblemMappers}. Services never build error bodies themselves.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** 422: the request is well-formed but a field breaks a rule. */
    public static ProblemException invalidField(String field, String reason) {
        return new ProblemException(422, "validation", "Invalid request", field + ": " + reason,
                List.of(new Problem.Violation(field, reason)));
    }

    /** 400: the request cannot be read at all. */
    public static ProblemException badRequest(String field, String reason) {
        return new ProblemException(400, "bad-request", "Malformed request", field + ": " + reason,
                List.of(new Problem.Violation(field, reason)));
    }

    public static ProblemException notFound(String what, String key) {
        return new ProblemException(404, "not-found", "Not found", what + " '" + key + "' does not exist", null);
    }

    /** 404 naming the field whose value names nothing known. */
    public static ProblemException unknownField(String field, String reason) {
        return new ProblemException(404, "not-found", "Not found", field + ": " + reason,
                List.of(new Problem.Violation(field, reason)));
    }

    /** 406 naming Accept: the suite's one answer to an Accept header that takes none of a resource's formats. */
    public static ProblemException notAcceptable(String accept, String offered) {
        String reason = "accepts none of " + offered + " ('" + accept + "')";
        return new ProblemException(406, "not-acceptable", "Not Acceptable", "Accept: " + reason,
                List.of(new Problem.Violation("Accept", reason)));
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail,
                field == null ? null : List.of(new Problem.Violation(field, detail)));
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance,
                violations.isEmpty() ? null : violations);
    }
}
