package org.kpisuite.reporting.domain;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;

/**
 * The value in force for one key of one period (each department and breakdown value is its own key). The
 * calculator places a period at its last month ({@link #month()}): a quarter's value counts from the end of June,
 * a fiscal year's from the end of March, so sums, levels and paces read every frequency alike.
 */
public record MonthlyValue(String indicatorCode, String component, String breakdown, Period period, BigDecimal value,
        YearMonth month) {

    /**
     * The value of a period; {@link #month()}, the month it counts at, is the period's last month (held, as the
     * calculator asks for it many times per value).
     */
    public MonthlyValue(String indicatorCode, String component, String breakdown, Period period, BigDecimal value) {
        this(indicatorCode, component, breakdown, period, value, period.lastMonth());
    }

    /** A monthly value. */
    public MonthlyValue(String indicatorCode, String component, String breakdown, YearMonth month, BigDecimal value) {
        this(indicatorCode, component, breakdown, Period.of(Frequency.MONTHLY, month), value);
    }
}
