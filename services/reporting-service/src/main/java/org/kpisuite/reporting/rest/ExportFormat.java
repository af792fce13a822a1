package org.kpisuite.reporting.rest;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.kpisuite.problem.ProblemException;

/** JSON or CSV: the format parameter if given, else the first of the two the Accept header prefers. */
enum ExportFormat {
    JSON(MediaType.APPLICATION_JSON),
    CSV("text/csv; charset=UTF-8; header=present");

    static final String CSV_TYPE = "text/csv";
    static final MediaType CSV_MEDIA_TYPE = new MediaType("text", "csv");

    final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    static ExportFormat of(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                default -> throw ProblemException.badRequest("format", "must be json or csv, not '" + format + "'");
            };
        }
        // Sorted by preference (q, then specificity); */* and application/* mean JSON, text/* means CSV.
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return JSON;
            }
            if (accepted.isCompatible(CSV_MEDIA_TYPE)) {
                return CSV;
            }
        }
        return JSON;
    }

    /** The bom parameter: true or false (default), for CSV only. */
    static boolean bom(String bom) {
        if (bom == null || bom.isBlank()) {
            return false;
        }
        return switch (bom.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("bom", "must be true or false, not '" + bom + "'");
        };
    }
}
