package org.kpisuite.reporting.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Variant;

/**
 * JSON or CSV: the format parameter if given, else the one of the two the Accept header prefers (JAX-RS's own
 * variant selection, among what the resource's {@code @Produces} offers), else JSON.
 */
enum ExportFormat {
    JSON(MediaType.APPLICATION_JSON),
    CSV("text/csv; charset=UTF-8; header=present");

    static final String CSV_TYPE = "text/csv";
    static final MediaType CSV_MEDIA_TYPE = new MediaType("text", "csv");

    /** JSON first: what a client that accepts both, or anything, gets. */
    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, CSV_MEDIA_TYPE)
            .build();

    final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    static ExportFormat of(ExportFormat format, Request request) {
        if (format != null) {
            return format;
        }
        Variant chosen = request.selectVariant(VARIANTS);
        return chosen != null && chosen.getMediaType().isCompatible(CSV_MEDIA_TYPE) ? CSV : JSON;
    }
}
