package org.kpisuite.reporting.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The submission deadline of a month: a number of business days after the month ends. Business days are
 * Monday to Friday; Japanese public holidays are not modelled, so a deadline after a holiday is a day early.
 */
public final class Deadlines {

    private Deadlines() {
    }

    public static LocalDate deadline(YearMonth month, int businessDays) {
        LocalDate day = month.atEndOfMonth();
        int counted = 0;
        while (counted < businessDays) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                counted++;
            }
        }
        return day;
    }
}
