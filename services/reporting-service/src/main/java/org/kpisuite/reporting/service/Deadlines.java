package org.kpisuite.reporting.service;

import java.time.LocalDate;
import java.time.YearMonth;

import org.kpisuite.fiscal.BusinessDays;

/**
 * The submission deadline of a month: a number of business days after the month ends. Business days are those of a
 * Japanese government office ({@link BusinessDays}): no weekend, national holiday or 29 December – 3 January.
 */
public final class Deadlines {

    private Deadlines() {
    }

    public static LocalDate deadline(YearMonth month, int businessDays) {
        return BusinessDays.plus(month.atEndOfMonth(), businessDays);
    }
}
