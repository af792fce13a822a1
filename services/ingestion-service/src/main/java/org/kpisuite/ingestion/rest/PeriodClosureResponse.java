package org.kpisuite.ingestion.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.ingestion.domain.PeriodClosure;

/** A closed month; a closure of every indicator or of every department has no indicator code or no department. */
public record PeriodClosureResponse(UUID id, String month, int fiscalYear,
        @Schema(nullable = true, description = "null: every indicator") String indicatorCode,
        @Schema(nullable = true, description = "null: every department") String department,
        String closedBy, Instant closedAt, String description) {

    static PeriodClosureResponse of(PeriodClosure c) {
        return new PeriodClosureResponse(c.id, c.period, c.fiscalYear, c.indicatorCode, c.department, c.closedBy,
                c.closedAt, c.describe());
    }
}
