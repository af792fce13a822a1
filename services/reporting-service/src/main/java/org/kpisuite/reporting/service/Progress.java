package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * Where one indicator stands in one fiscal year as of a date.
 *
 * @param actual          the value so far over the target's scope, aggregated as the indicator says
 * @param achievementRate actual ÷ target for "at least" targets, inverted for "at most" targets
 * @param expectedToDate  what the actual should be by now at the plan's pace
 * @param forecast        the value at the end of the target's scope if the pace so far holds
 * @param grade           A/B/C/D from the achievement rate (of the forecast while the year runs); S is
 *                        never computed, as it needs a qualitative judgement
 * @param baselineValue   for a change from a baseline year: the baseline level (a SUM's during the year is
 *                        subtracted in proportion to the months reported)
 * @param conditions      each further condition of the target and whether it is met
 * @param pace            how expectedToDate was worked out
 * @param monthsReported  periods of the year with at least one value (months for a monthly indicator)
 * @param lastReportedMonth the last month of the latest period reported
 * @param lastReportedPeriod the latest period reported, as written: 2024-09, 2024-Q2, 2024-H1 or FY2024
 */
public record Progress(
        BigDecimal actual,
        BigDecimal achievementRate,
        BigDecimal expectedToDate,
        BigDecimal forecast,
        ProgressStatus status,
        String grade,
        int monthsReported,
        YearMonth lastReportedMonth,
        BigDecimal baselineValue,
        List<ConditionResult> conditions,
        Pace pace,
        String lastReportedPeriod) {

    public Progress(BigDecimal actual, BigDecimal achievementRate, BigDecimal expectedToDate, BigDecimal forecast,
            ProgressStatus status, String grade, int monthsReported, YearMonth lastReportedMonth,
            BigDecimal baselineValue, List<ConditionResult> conditions, Pace pace) {
        this(actual, achievementRate, expectedToDate, forecast, status, grade, monthsReported, lastReportedMonth,
                baselineValue, conditions, pace, lastReportedMonth == null ? null : lastReportedMonth.toString());
    }

    public enum Pace {
        /** Evenly spread over the months. */
        LINEAR,
        /** In the monthly shares of the previous fiscal year, which was reported in full. */
        PREVIOUS_YEAR,
        /** A level, expected to be at the target throughout. */
        LEVEL
    }

    public record ConditionResult(String kind, int required, int actual, boolean met) {
    }
}
