package org.kpisuite.ingestion.rest;

import java.time.Instant;
import java.util.UUID;

import org.kpisuite.ingestion.domain.PeriodClosure;

public record PeriodClosureResponse(UUID id, String month, int fiscalYear, String indicatorCode, String department,
        String closedBy, Instant closedAt, String description) {

    static PeriodClosureResponse of(PeriodClosure c) {
        return new PeriodClosureResponse(c.id, c.period, c.fiscalYear, c.indicatorCode, c.department, c.closedBy,
                c.closedAt, c.describe());
    }
}
