package org.kpisuite.indicator.rest;

import java.time.Instant;

import org.kpisuite.indicator.domain.BudgetAnalysis;

/** One version of a line's analysis, with who recorded it and when. */
public record BudgetAnalysisResponse(int fiscalYear, String lineCode, long version, String cause, String response,
        Instant recordedAt, String recordedBy) {

    static BudgetAnalysisResponse of(BudgetAnalysis a) {
        return new BudgetAnalysisResponse(a.fiscalYear, a.lineCode, a.version, a.cause, a.response, a.recordedAt,
                a.recordedBy);
    }
}
