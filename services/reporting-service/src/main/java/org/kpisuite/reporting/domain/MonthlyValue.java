package org.kpisuite.reporting.domain;

import java.math.BigDecimal;
import java.time.YearMonth;

/** The value in force for one key of one month (each department and breakdown value is its own key). */
public record MonthlyValue(String indicatorCode, String component, String breakdown, YearMonth month, BigDecimal value) {
}
