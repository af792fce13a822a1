package org.kpisuite.problem;

/**
 * Parses query parameters by hand, so that a malformed one is a 400 problem naming it, not the 404 that
 * JAX-RS answers when it cannot convert a parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An optional whole number in [min, max]; null when absent. */
    public static Integer optionalInt(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return requiredInt(name, value, min, max);
    }

    /** An optional ISO date (YYYY-MM-DD); null when absent. */
    public static java.time.LocalDate optionalDate(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date formatted YYYY-MM-DD, not '" + value + "'");
        }
    }

    public static int requiredInt(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, "is required");
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ProblemException.badRequest(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number, not '" + value + "'");
        }
    }
}
