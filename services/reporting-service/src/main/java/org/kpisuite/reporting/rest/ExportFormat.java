package org.kpisuite.reporting.rest;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.QualityValues;

/**
 * JSON or CSV: the format parameter if given, else the one of the two the Accept header prefers (RFC 9110 12.5.1:
 * for each, the quality of the most specific range that matches it), JSON on a tie or without the header. An Accept
 * that refuses both (every matching range at q=0, or none matching) is a 406 naming Accept, not JSON regardless.
 * Not the framework's variant selection: it answers JSON when it selects nothing, and a parameter in a range
 * ({@code text/csv;charset=shift_jis}) stops its match. Media-type parameters other than q are not weighed: the CSV is
 * UTF-8 whatever charset is asked for (its Content-Type says so; bom=true for Excel), better than a 406 to a client
 * that asked for CSV.
 */
enum ExportFormat {
    JSON(MediaType.APPLICATION_JSON),
    CSV("text/csv; charset=UTF-8; header=present");

    static final String CSV_TYPE = "text/csv";

    final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    /**
     * @throws ProblemException a 406 naming Accept when it accepts neither; a 400 naming it for a malformed quality
     *         value, as every negotiated answer of the suite
     */
    static ExportFormat of(ExportFormat format, HttpHeaders headers) {
        if (format != null) {
            return format;
        }
        // Every Accept-* header's quality values are read, as the framework's selection read them: a malformed one is
        // a 400 naming its header even where it does not choose the format.
        Problem.Violation malformed = QualityValues.firstMalformed(headers);
        if (malformed != null) {
            throw ProblemException.badRequest(malformed.field(), malformed.reason());
        }
        String accept = String.join(",", headerValues(headers, HttpHeaders.ACCEPT));
        if (accept.isBlank()) {
            return JSON;
        }
        double json = quality(accept, "application", "json");
        double csv = quality(accept, "text", "csv");
        if (json <= 0 && csv <= 0) {
            String reason = "accepts neither application/json nor text/csv ('" + accept + "'); ask for one of them, "
                    + "or use format=json|csv";
            throw new ProblemException(406, "not-acceptable", "Not Acceptable", HttpHeaders.ACCEPT + ": " + reason,
                    List.of(new Problem.Violation(HttpHeaders.ACCEPT, reason)));
        }
        return csv > json ? CSV : JSON;
    }

    private static List<String> headerValues(HttpHeaders headers, String name) {
        List<String> values = headers.getRequestHeader(name);
        return values == null ? List.of() : values;
    }

    /** The quality the header gives the type: that of its most specific matching range (the highest of equals), or 0. */
    private static double quality(String accept, String type, String subtype) {
        int best = 0;
        double quality = 0;
        for (QualityValues.Range accepted : QualityValues.ranges(HttpHeaders.ACCEPT, accept)) {
            String range = accepted.name();
            double q = accepted.quality();
            int slash = range.indexOf('/');
            String t = slash < 0 ? range : range.substring(0, slash).trim();
            String s = slash < 0 ? "*" : range.substring(slash + 1).trim();
            int specificity = t.equals(type) && s.equals(subtype) ? 3
                    : t.equals(type) && s.equals("*") ? 2
                    : t.equals("*") && s.equals("*") ? 1 : 0;
            if (specificity > best) {
                best = specificity;
                quality = q;
            } else if (specificity == best && specificity > 0) {
                quality = Math.max(quality, q);
            }
        }
        return quality;
    }
}
