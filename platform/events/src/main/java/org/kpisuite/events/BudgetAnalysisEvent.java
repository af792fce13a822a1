package org.kpisuite.events;

import java.time.Instant;

/**
 * A version of finance's cause analysis (要因分析) of a budget line's drift and the response to it, on
 * {@link Topics#BUDGETS} keyed by the line's indicator code. Every version is kept; the highest is in force.
 */
public record BudgetAnalysisEvent(
        int fiscalYear,
        String lineCode,
        long version,
        String cause,
        String response,
        Instant recordedAt,
        String recordedBy) {

    public static final String AGGREGATE_TYPE = "budget-analysis";
    public static final String TYPE_RECORDED = "kpi.budget.analysis-recorded.v1";
}
