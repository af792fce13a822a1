package org.kpisuite.reporting.domain;

import java.math.BigDecimal;
import java.time.YearMonth;

/** The value in force for one key of one month (all departments and breakdowns are separate values). */
public record MonthlyValue(String indicatorCode, String component, YearMonth month, BigDecimal value) {
}
