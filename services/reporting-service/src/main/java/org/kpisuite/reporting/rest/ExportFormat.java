package org.kpisuite.reporting.rest;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.QualityValues;

/**
 * JSON or CSV: the format parameter if given, else the one of the two the Accept header prefers, JSON on a tie or
 * without the header ({@link QualityValues#choose}: an Accept that takes neither is a 406 naming it). The CSV is UTF-8
 * whatever charset is asked for (its Content-Type says so; bom=true for Excel), better than a 406 to a client that
 * asked for CSV.
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
        return QualityValues.choose(headers, List.of(MediaType.APPLICATION_JSON, CSV_TYPE)).equals(CSV_TYPE) ? CSV : JSON;
    }
}
