package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * Where one indicator stands in one fiscal year as of a date.
 *
 * @param actual          the year's value so far, aggregated as the indicator says
 * @param achievementRate actual ÷ target for "at least" targets, inverted for "at most" targets
 * @param expectedToDate  what the actual should be by now at the plan's pace
 * @param forecast        the year-end value if the pace so far holds
 * @param grade           A/B/C/D from the achievement rate (of the forecast while the year runs); S is
 *                        never computed, as it needs a qualitative judgement
 */
public record Progress(
        BigDecimal actual,
        BigDecimal achievementRate,
        BigDecimal expectedToDate,
        BigDecimal forecast,
        ProgressStatus status,
        String grade,
        int monthsReported,
        YearMonth lastReportedMonth) {
}
