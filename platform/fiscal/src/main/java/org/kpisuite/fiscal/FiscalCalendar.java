package org.kpisuite.fiscal;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The Japanese fiscal calendar: fiscal year N runs from April of year N to March of year N+1, so
 * 2025-03 belongs to FY2024. Monthly periods are written {@code YYYY-MM}.
 */
public final class FiscalCalendar {

    public static final Month FIRST_MONTH = Month.APRIL;
    /** The half-year checkpoint (上期終了時点) is the end of September. */
    public static final Month HALF_YEAR_END = Month.SEPTEMBER;
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    private FiscalCalendar() {
    }

    /** Parses a strict {@code YYYY-MM} month; empty when the text is not one. */
    public static Optional<YearMonth> parseMonth(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = MONTH.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    public static int fiscalYearOf(YearMonth month) {
        return month.getMonthValue() >= FIRST_MONTH.getValue() ? month.getYear() : month.getYear() - 1;
    }

    public static int fiscalYearOf(LocalDate date) {
        return fiscalYearOf(YearMonth.from(date));
    }

    public static YearMonth firstMonth(int fiscalYear) {
        return YearMonth.of(fiscalYear, FIRST_MONTH);
    }

    public static YearMonth lastMonth(int fiscalYear) {
        return YearMonth.of(fiscalYear + 1, Month.MARCH);
    }

    public static LocalDate firstDay(int fiscalYear) {
        return firstMonth(fiscalYear).atDay(1);
    }

    public static LocalDate lastDay(int fiscalYear) {
        return lastMonth(fiscalYear).atEndOfMonth();
    }

    /** The twelve months of a fiscal year, April first. */
    public static List<YearMonth> months(int fiscalYear) {
        YearMonth first = firstMonth(fiscalYear);
        return IntStream.range(0, 12).mapToObj(first::plusMonths).toList();
    }

    /** 1 for April … 12 for March. */
    public static int monthIndex(YearMonth month) {
        return Math.floorMod(month.getMonthValue() - FIRST_MONTH.getValue(), 12) + 1;
    }

    /**
     * How many months of the fiscal year have ended on the given date: 0 before the end of April,
     * 6 on September 30, 12 from March 31 on.
     */
    public static int monthsElapsed(int fiscalYear, LocalDate asOf) {
        if (asOf.isBefore(firstDay(fiscalYear))) {
            return 0;
        }
        if (!asOf.isBefore(lastDay(fiscalYear))) {
            return 12;
        }
        YearMonth current = YearMonth.from(asOf);
        int completed = monthIndex(current) - 1;
        return asOf.equals(current.atEndOfMonth()) ? completed + 1 : completed;
    }

    public static boolean contains(int fiscalYear, YearMonth month) {
        return fiscalYearOf(month) == fiscalYear;
    }

    /** Whether a fiscal year is in the range the suite accepts. */
    public static boolean isPlausibleYear(int fiscalYear) {
        return fiscalYear >= MIN_YEAR && fiscalYear <= MAX_YEAR;
    }
}
