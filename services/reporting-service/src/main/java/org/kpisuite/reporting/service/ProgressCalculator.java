package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.reporting.domain.MonthlyValue;

/**
 * Computes an indicator's progress from the values in force. Pure: the same inputs always give the same
 * result, which is what makes a past report (an asOf date) reproducible.
 */
public final class ProgressCalculator {

    public static final String NUMERATOR = "numerator";
    public static final String DENOMINATOR = "denominator";

    /** Below this share of the expected value an indicator is OFF_TRACK rather than AT_RISK. */
    static final BigDecimal AT_RISK_FLOOR = new BigDecimal("0.9");

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    public record Input(Aggregation aggregation, Comparator comparator, BigDecimal target, boolean referenceOnly,
            int fiscalYear, LocalDate asOf, List<MonthlyValue> values, List<MonthlyValue> previousYearValues) {
    }

    private ProgressCalculator() {
    }

    public static Progress calculate(Input in) {
        SortedMap<YearMonth, BigDecimal> monthly = totalsByMonth(in.values(), null);
        int monthsReported = monthly.size();
        YearMonth lastMonth = monthly.isEmpty() ? null : monthly.lastKey();
        BigDecimal actual = actual(in, monthly);
        boolean rated = !in.referenceOnly() && in.target() != null;
        if (!rated) {
            return new Progress(actual, null, null, null, ProgressStatus.NOT_RATED, null, monthsReported, lastMonth);
        }
        if (actual == null) {
            return new Progress(null, null, expected(in), null, ProgressStatus.NO_DATA, null, 0, null);
        }

        boolean yearOver = FiscalCalendar.monthsElapsed(in.fiscalYear(), in.asOf()) == 12;
        BigDecimal forecast = yearOver ? actual : forecast(in.aggregation(), actual, lastMonth);
        BigDecimal achievement = achievement(in.comparator(), actual, in.target());
        BigDecimal expected = expected(in);
        ProgressStatus status = status(in, actual, expected, yearOver);
        BigDecimal gradedRate = yearOver ? achievement : achievement(in.comparator(), forecast, in.target());
        return new Progress(round(actual), round4(achievement), round(expected), round(forecast), status,
                grade(gradedRate), monthsReported, lastMonth);
    }

    /** Grade by the government's rule of thumb: ≥120 % A, ≥100 % B, ≥80 % C, below D. */
    public static String grade(BigDecimal achievementRate) {
        if (achievementRate == null) {
            return null;
        }
        if (achievementRate.compareTo(new BigDecimal("1.2")) >= 0) {
            return "A";
        }
        if (achievementRate.compareTo(BigDecimal.ONE) >= 0) {
            return "B";
        }
        if (achievementRate.compareTo(new BigDecimal("0.8")) >= 0) {
            return "C";
        }
        return "D";
    }

    /** The year's value so far; null when nothing was reported. */
    static BigDecimal actual(Input in, SortedMap<YearMonth, BigDecimal> monthly) {
        if (monthly.isEmpty()) {
            return null;
        }
        return switch (in.aggregation()) {
            case SUM -> sum(monthly);
            case LAST -> monthly.get(monthly.lastKey());
            case MAX -> monthly.values().stream().max(BigDecimal::compareTo).orElseThrow();
            case AVERAGE -> sum(monthly).divide(BigDecimal.valueOf(monthly.size()), MC);
            case RATIO -> {
                BigDecimal denominator = sum(totalsByMonth(in.values(), DENOMINATOR));
                yield denominator.signum() == 0 ? null : sum(totalsByMonth(in.values(), NUMERATOR)).divide(denominator, MC);
            }
            case YOY_CHANGE -> {
                // Compared with the same months of the previous year, so that a part-year is not set against a whole one.
                SortedMap<YearMonth, BigDecimal> previous = totalsByMonth(in.previousYearValues(), null);
                BigDecimal before = monthly.keySet().stream().map(m -> previous.get(m.minusYears(1)))
                        .filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
                yield before.signum() == 0 ? null : sum(monthly).subtract(before).divide(before, MC);
            }
        };
    }

    private static BigDecimal expected(Input in) {
        if (in.target() == null) {
            return null;
        }
        if (in.aggregation() != Aggregation.SUM) {
            return in.target();
        }
        int elapsed = FiscalCalendar.monthsElapsed(in.fiscalYear(), in.asOf());
        return in.target().multiply(BigDecimal.valueOf(elapsed)).divide(TWELVE, MC);
    }

    private static BigDecimal forecast(Aggregation aggregation, BigDecimal actual, YearMonth lastMonth) {
        if (aggregation != Aggregation.SUM) {
            return actual;
        }
        int months = FiscalCalendar.monthIndex(lastMonth);
        return actual.multiply(TWELVE).divide(BigDecimal.valueOf(months), MC);
    }

    private static ProgressStatus status(Input in, BigDecimal actual, BigDecimal expected, boolean yearOver) {
        boolean met = meets(in.comparator(), actual, in.target());
        if (yearOver) {
            return met ? ProgressStatus.ACHIEVED : ProgressStatus.OFF_TRACK;
        }
        // A running total or a maximum cannot fall back once the target is reached.
        boolean monotone = in.comparator() == Comparator.AT_LEAST
                && (in.aggregation() == Aggregation.SUM || in.aggregation() == Aggregation.MAX);
        if (met && monotone) {
            return ProgressStatus.ACHIEVED;
        }
        if (meets(in.comparator(), actual, expected)) {
            return ProgressStatus.ON_TRACK;
        }
        BigDecimal pace = achievement(in.comparator(), actual, expected);
        return pace != null && pace.compareTo(AT_RISK_FLOOR) >= 0 ? ProgressStatus.AT_RISK : ProgressStatus.OFF_TRACK;
    }

    static boolean meets(Comparator comparator, BigDecimal actual, BigDecimal target) {
        int c = actual.compareTo(target);
        return comparator == Comparator.AT_LEAST ? c >= 0 : c <= 0;
    }

    /**
     * actual ÷ target for "at least"; for "at most" the ratio is inverted (target ÷ actual), except for a
     * negative target such as "3 % lower than last year", where reaching further below is the achievement.
     */
    static BigDecimal achievement(Comparator comparator, BigDecimal actual, BigDecimal target) {
        if (actual == null || target == null) {
            return null;
        }
        if (comparator == Comparator.AT_LEAST || target.signum() < 0) {
            return target.signum() == 0 ? null : actual.divide(target, MC);
        }
        if (actual.signum() == 0) {
            return target.signum() == 0 ? BigDecimal.ONE : null;
        }
        return target.divide(actual, MC);
    }

    /** Sum per month over departments and breakdowns, of one component or of all. */
    private static SortedMap<YearMonth, BigDecimal> totalsByMonth(List<MonthlyValue> values, String component) {
        Map<YearMonth, BigDecimal> totals = values.stream()
                .filter(v -> component == null || component.equals(v.component()))
                .collect(Collectors.toMap(MonthlyValue::month, MonthlyValue::value, BigDecimal::add));
        return new TreeMap<>(totals);
    }

    private static BigDecimal sum(SortedMap<YearMonth, BigDecimal> monthly) {
        return monthly.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigDecimal round4(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
