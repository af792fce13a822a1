package org.kpisuite.fiscal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A reporting period inside a fiscal year: a month {@code 2024-05}, a fiscal quarter {@code 2024-Q1} (April–June),
 * a fiscal half {@code 2024-H1} (April–September) or the fiscal year {@code FY2024}. The year in a quarter's or a
 * half's name is the fiscal year, so {@code 2024-Q4} is January–March 2025. At most 7 characters, as the tables
 * keep a period.
 *
 * @param index 1-based position in the fiscal year (April = 1 for months)
 */
public record Period(Frequency frequency, int fiscalYear, int index) implements Comparable<Period> {

    /** The formats, for messages. */
    public static final String FORMATS = "2024-05 (a month), 2024-Q1 (a fiscal quarter), 2024-H1 (a fiscal half) or "
            + "FY2024 (the fiscal year)";

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern YEAR = Pattern.compile("FY(\\d{4})");

    public Period {
        if (frequency == null || index < 1 || index > frequency.periodsPerYear()) {
            throw new IllegalArgumentException("no period " + index + " of " + frequency);
        }
    }

    /** Parses the strict form; empty when the text is none of the four. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Period month = monthOrNull(text);
        if (month != null) {
            return Optional.of(month);
        }
        Matcher m = QUARTER.matcher(text);
        if (m.matches()) {
            return Optional.of(new Period(Frequency.QUARTERLY, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        m = HALF.matcher(text);
        if (m.matches()) {
            return Optional.of(new Period(Frequency.HALF_YEARLY, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        m = YEAR.matcher(text);
        if (m.matches()) {
            return Optional.of(new Period(Frequency.ANNUALLY, Integer.parseInt(m.group(1)), 1));
        }
        return Optional.empty();
    }

    /**
     * A month ({@code 2024-05}: four ASCII digits, a hyphen, 01–12) read without a regular expression: the read model
     * parses every value's period on each recalculation, and months are nearly all of them. Null for anything else
     * (the patterns of the other frequencies then decide).
     */
    private static Period monthOrNull(String text) {
        if (text.length() != 7 || text.charAt(4) != '-') {
            return null;
        }
        int year = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            year = year * 10 + (c - '0');
        }
        char tens = text.charAt(5);
        char ones = text.charAt(6);
        if (tens < '0' || tens > '1' || ones < '0' || ones > '9') {
            return null;
        }
        int month = (tens - '0') * 10 + (ones - '0');
        if (month < 1 || month > 12) {
            return null;
        }
        return of(Frequency.MONTHLY, YearMonth.of(year, month));
    }

    /** Whether the text is a month ({@code 2024-05}): what answers and events still call {@code month}. */
    public static boolean isMonth(String text) {
        return parse(text).map(p -> p.frequency() == Frequency.MONTHLY).orElse(false);
    }

    /** The period of the frequency that holds the month. */
    public static Period of(Frequency frequency, YearMonth month) {
        return new Period(frequency, FiscalCalendar.fiscalYearOf(month),
                (FiscalCalendar.monthIndex(month) - 1) / frequency.months() + 1);
    }

    public static Period first(Frequency frequency, int fiscalYear) {
        return new Period(frequency, fiscalYear, 1);
    }

    /** Every period of the frequency in the fiscal year, in order. */
    public static List<Period> all(Frequency frequency, int fiscalYear) {
        return IntStream.rangeClosed(1, frequency.periodsPerYear()).mapToObj(i -> new Period(frequency, fiscalYear, i))
                .toList();
    }

    /**
     * The periods of the frequency that have ended on the date (the last day of a period counts as ended, as the last
     * day of a month does for {@link FiscalCalendar#monthsElapsed}): 0 for an annual indicator until March 31.
     */
    public static int ended(Frequency frequency, int fiscalYear, LocalDate asOf) {
        return FiscalCalendar.monthsElapsed(fiscalYear, asOf) / frequency.months();
    }

    public YearMonth firstMonth() {
        return FiscalCalendar.firstMonth(fiscalYear).plusMonths((long) (index - 1) * frequency.months());
    }

    /** The month the period ends with: June for Q1, September for H1, March for the year. */
    public YearMonth lastMonth() {
        return firstMonth().plusMonths(frequency.months() - 1L);
    }

    public LocalDate lastDay() {
        return lastMonth().atEndOfMonth();
    }

    /** How many months of the fiscal year have passed at the end of the period: 3 for Q1, 12 for the year. */
    public int monthsAtEnd() {
        return index * frequency.months();
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(firstMonth()) && !month.isAfter(lastMonth());
    }

    /** The period {@code n} periods before this one (of the same frequency). */
    public Period minus(int n) {
        int ordinal = fiscalYear * frequency.periodsPerYear() + index - 1 - n;
        return new Period(frequency, Math.floorDiv(ordinal, frequency.periodsPerYear()),
                Math.floorMod(ordinal, frequency.periodsPerYear()) + 1);
    }

    @Override
    public int compareTo(Period o) {
        int c = lastMonth().compareTo(o.lastMonth());
        return c != 0 ? c : firstMonth().compareTo(o.firstMonth());
    }

    @Override
    public String toString() {
        return switch (frequency) {
            case MONTHLY -> firstMonth().toString();
            case QUARTERLY -> fiscalYear + "-Q" + index;
            case HALF_YEARLY -> fiscalYear + "-H" + index;
            case ANNUALLY -> "FY" + fiscalYear;
        };
    }
}
