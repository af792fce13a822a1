package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A budget line's status changed (ON_BUDGET → DRIFTING and back), or a ceiling's (BELOW → WARNING → REACHED), on
 * {@link Topics#BUDGET_STATUS} keyed by the line's code (table code and line key) or the ceiling's. Published by
 * reporting-service; {@code previousStatus} is null the first time a status is known.
 *
 * @param budget    the line's budget, or the ceiling's limit
 * @param actual    the actual to date, or the balance reported last
 * @param projected the projected year end (null for a ceiling)
 * @param varianceRate the projected variance against the budget, as a fraction (0.15 = 15 % over); null for a ceiling
 */
public record BudgetStatusEvent(
        int fiscalYear,
        String code,
        String previousStatus,
        String status,
        BigDecimal budget,
        BigDecimal actual,
        BigDecimal projected,
        BigDecimal varianceRate,
        LocalDate asOf,
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "budget-status";
    public static final String TYPE_CHANGED = "kpi.budget-status.changed.v1";
}
