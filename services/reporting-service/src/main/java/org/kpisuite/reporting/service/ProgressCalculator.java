package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.ConditionKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.PartKind;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.reporting.domain.MonthlyValue;
import org.kpisuite.reporting.service.Progress.ConditionResult;
import org.kpisuite.reporting.service.Progress.Pace;

/**
 * Computes an indicator's progress from the values in force. Pure: the same inputs always give the same
 * result, which is what makes a past report (an asOf date) reproducible.
 * <p>
 * Periods: a value counts at its period's last month (a quarter at June, September, December, March; a half at
 * September and March; a fiscal year at March), and the plan's pace moves only when a period of the indicator's
 * frequency has ended, so a half-yearly committee is expected nothing before the end of September and an annual
 * survey nothing before the end of March.
 */
public final class ProgressCalculator {

    /** Below this share of the expected value an indicator is OFF_TRACK rather than AT_RISK. */
    static final BigDecimal AT_RISK_FLOOR = new BigDecimal("0.9");

    private static final MathContext MC = MathContext.DECIMAL128;

    /**
     * @param values the values in force of every fiscal year the target needs (its scope, its baseline year,
     *               and the previous fiscal year for year-on-year changes and the seasonal pace)
     */
    public record Input(Aggregation aggregation, Target target, boolean referenceOnly, int fiscalYear, LocalDate asOf,
            List<MonthlyValue> values, Frequency frequency, List<Part> parts) {

        public Input {
            frequency = frequency == null ? Frequency.MONTHLY : frequency;
            parts = parts == null ? List.of() : parts;
        }

        /** A monthly indicator without parts. */
        public Input(Aggregation aggregation, Target target, boolean referenceOnly, int fiscalYear, LocalDate asOf,
                List<MonthlyValue> values) {
            this(aggregation, target, referenceOnly, fiscalYear, asOf, values, Frequency.MONTHLY, List.of());
        }

        /** Months of the fiscal year covered by the periods that have ended by asOf. */
        int monthsEnded() {
            return Period.ended(frequency, fiscalYear, asOf) * frequency.months();
        }
    }

    /**
     * An exact quotient, so that a ratio of 2 in 3 meets a target of 2/3 and a value right on a pace is on it. The
     * denominator is kept positive (a negative one changes sides), so that comparing is two multiplications.
     */
    record Fraction(BigDecimal numerator, BigDecimal denominator) {
        static final Fraction ZERO = of(BigDecimal.ZERO);

        Fraction {
            if (denominator.signum() < 0) {
                numerator = numerator.negate();
                denominator = denominator.negate();
            }
        }

        static Fraction of(BigDecimal value) {
            return new Fraction(value, BigDecimal.ONE);
        }

        BigDecimal decimal() {
            // A whole value (every sum and maximum) is its own quotient: divide(ONE, MC) would return the
            // same digits and scale, through a 34-digit long division and a zero-stripping loop that showed in
            // reporting's allocation profile.
            if (BigDecimal.ONE.equals(denominator) && numerator.precision() <= MC.getPrecision()) {
                return numerator;
            }
            return numerator.divide(denominator, MC);
        }

        int compareTo(Fraction other) {
            return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
        }

        int signum() {
            return numerator.signum();
        }

        /** This × the factor, exactly. */
        Fraction times(BigDecimal factor) {
            return new Fraction(numerator.multiply(factor), denominator);
        }

        /** This + the other, exactly. */
        Fraction plus(Fraction other) {
            return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                    denominator.multiply(other.denominator));
        }

        /** This ÷ the divisor (not 0), exactly. */
        Fraction over(Fraction divisor) {
            return new Fraction(numerator.multiply(divisor.denominator), denominator.multiply(divisor.numerator));
        }
    }

    private ProgressCalculator() {
    }

    public static Progress calculate(Input in) {
        Target target = in.target();
        Scope scope = target.scope() == null ? Scope.FISCAL_YEAR : target.scope();
        int firstYear = scope == Scope.CUMULATIVE ? target.sinceFiscalYear() : in.fiscalYear();
        List<MonthlyValue> inScope = within(in.values(), firstYear, in.fiscalYear());
        SortedMap<YearMonth, BigDecimal> monthly = totalsByMonth(inScope, null);
        int monthsReported = (int) monthly.keySet().stream().filter(m -> FiscalCalendar.contains(in.fiscalYear(), m)).count();
        YearMonth lastMonth = monthly.isEmpty() ? null : monthly.lastKey();
        if (in.aggregation() == null || (target.value() != null && target.comparator() == null)) {
            // An aggregation or comparator a newer producer added and this version does not know (the tolerant
            // reader reads it as null): the indicator and its values are kept, it is not rated until reporting knows.
            return new Progress(null, null, null, null, ProgressStatus.NOT_RATED, null, monthsReported, lastMonth, null,
                    List.of(), null);
        }

        String lastPeriod = lastPeriod(inScope, lastMonth);
        BigDecimal baseline = scope == Scope.CHANGE_FROM_BASELINE ? baseline(in) : null;
        boolean yearOver = FiscalCalendar.monthsElapsed(in.fiscalYear(), in.asOf()) == 12;
        Fraction actual = actual(in, inScope, monthly, baseline, scope,
                yearOver || lastMonth == null ? 12 : FiscalCalendar.monthIndex(lastMonth));
        List<ConditionResult> conditions = conditions(target, inScope);
        boolean rated = !in.referenceOnly() && target.value() != null;
        Profile profile = previousYearProfile(in, scope);
        Pace pace = pace(in, profile);
        if (!rated) {
            return new Progress(round(decimal(actual)), null, null, null, ProgressStatus.NOT_RATED, null, monthsReported,
                    lastMonth, round(baseline), conditions, pace, lastPeriod);
        }
        Fraction expected = expected(in, scope, pace, profile);
        if (actual == null) {
            return new Progress(null, null, round(decimal(expected)), null, ProgressStatus.NO_DATA, null, 0, null,
                    round(baseline), conditions, pace, null);
        }

        Fraction goal = targetFraction(target);
        Fraction forecast = yearOver ? actual
                : forecast(in, scope, pace, profile, actual, lastMonth, inScope, baseline);
        boolean conditionsMet = conditions.stream().allMatch(ConditionResult::met);
        ProgressStatus status = status(in, scope, pace, actual, goal, expected, yearOver, conditionsMet);
        BigDecimal achievement = achievement(target.comparator(), actual, goal);
        String grade = grade(yearOver ? achievement : achievement(target.comparator(), forecast, goal));
        if (!conditionsMet && ("A".equals(grade) || "B".equals(grade))) {
            grade = "C"; // the plan is not met while a condition of it is not
        }
        return new Progress(round(actual.decimal()), round4(achievement), round(decimal(expected)), round(forecast.decimal()),
                status, grade, monthsReported, lastMonth, round(baseline), conditions, pace, lastPeriod);
    }

    /** The latest period reported, as written (2024-Q1), of the values at the last month. */
    private static String lastPeriod(List<MonthlyValue> inScope, YearMonth lastMonth) {
        return lastMonth == null ? null : inScope.stream().filter(v -> v.month().equals(lastMonth))
                .map(v -> v.period()).max(java.util.Comparator.naturalOrder()).map(Period::toString).orElse(null);
    }

    /**
     * One period of an indicator's year: its own value, the running actual and the expected running value.
     * {@code month} is the period's last month.
     */
    public record MonthPoint(YearMonth month, BigDecimal value, Map<String, BigDecimal> byBreakdown,
            BigDecimal cumulative, BigDecimal expectedCumulative, Period period) {

        public MonthPoint(YearMonth month, BigDecimal value, Map<String, BigDecimal> byBreakdown, BigDecimal cumulative,
                BigDecimal expectedCumulative) {
            this(month, value, byBreakdown, cumulative, expectedCumulative, Period.of(Frequency.MONTHLY, month));
        }
    }

    /**
     * The twelve months of the fiscal year: each month's value (summed over departments and breakdowns; a
     * ratio of that month's components for a RATIO) and its split by breakdown value, the actual as it stood at the end of that month, and
     * what the plan's pace expected by then. Months after asOf have no values.
     */
    public static List<MonthPoint> series(Input in) {
        Target target = in.target();
        Scope scope = target.scope() == null ? Scope.FISCAL_YEAR : target.scope();
        Profile profile = previousYearProfile(in, scope);
        Pace pace = pace(in, profile);
        BigDecimal baseline = scope == Scope.CHANGE_FROM_BASELINE ? baseline(in) : null;
        int firstYear = scope == Scope.CUMULATIVE ? target.sinceFiscalYear() : in.fiscalYear();
        YearMonth lastKnown = YearMonth.from(in.asOf());
        boolean yearOver = FiscalCalendar.monthsElapsed(in.fiscalYear(), in.asOf()) == 12;
        List<MonthPoint> points = new ArrayList<>(12);
        for (Period period : Period.all(in.frequency(), in.fiscalYear())) {
            YearMonth month = period.lastMonth();
            BigDecimal expected = target.value() == null ? null
                    : pace == Pace.LEVEL ? target.value()
                    : share(in, scope, pace, profile, FiscalCalendar.monthIndex(month)).times(target.value()).decimal();
            if (period.firstMonth().isAfter(lastKnown)) {
                points.add(new MonthPoint(month, null, Map.of(), null, round(expected), period));
                continue;
            }
            List<MonthlyValue> ofMonth = in.values().stream().filter(v -> v.month().equals(month)).toList();
            BigDecimal value = null;
            if (!ofMonth.isEmpty()) {
                value = in.aggregation() == Aggregation.RATIO ? decimal(ratioOf(ofMonth))
                        : in.aggregation() == Aggregation.DISTINCT_COUNT ? BigDecimal.valueOf(distinct(ofMonth))
                        : ofMonth.stream().map(MonthlyValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            }
            List<MonthlyValue> toDate = within(in.values(), firstYear, in.fiscalYear()).stream()
                    .filter(v -> !v.month().isAfter(month)).toList();
            Input upToMonth = new Input(in.aggregation(), target, in.referenceOnly(), in.fiscalYear(), in.asOf(),
                    in.values().stream().filter(v -> !v.month().isAfter(month)).toList(), in.frequency(), in.parts());
            SortedMap<YearMonth, BigDecimal> monthlyToDate = totalsByMonth(toDate, null);
            // The baseline's share as calculate() takes it: up to the last month reported by then, the whole of it
            // at the end of a year that is over, so the line ends on the headline actual.
            int monthsOfYear = yearOver && FiscalCalendar.monthIndex(month) == 12 ? 12
                    : monthlyToDate.isEmpty() || !FiscalCalendar.contains(in.fiscalYear(), monthlyToDate.lastKey()) ? 0
                    : FiscalCalendar.monthIndex(monthlyToDate.lastKey());
            Fraction running = actual(upToMonth, toDate, monthlyToDate, baseline, scope, monthsOfYear);
            Map<String, BigDecimal> byBreakdown = new TreeMap<>(ofMonth.stream()
                    .filter(v -> v.breakdown() != null && !v.breakdown().isEmpty())
                    .collect(Collectors.toMap(MonthlyValue::breakdown, MonthlyValue::value, BigDecimal::add)));
            points.add(new MonthPoint(month, round(value), byBreakdown, round(decimal(running)), round(expected), period));
        }
        return points;
    }

    private static Fraction ratioOf(List<MonthlyValue> values) {
        BigDecimal denominator = sum(totalsByMonth(values, IndicatorEvent.DENOMINATOR));
        return denominator.signum() == 0 ? null
                : new Fraction(sum(totalsByMonth(values, IndicatorEvent.NUMERATOR)), denominator);
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

    /**
     * The value so far over the scope; null when nothing was reported. A change over a baseline year's sum is
     * taken against the baseline's share for the first {@code monthsOfYear} months of the year (all twelve once the
     * year is over): 400 in eight months over a year of 380 is +146.67 so far, on course for +220, not +20.
     */
    private static Fraction actual(Input in, List<MonthlyValue> inScope, SortedMap<YearMonth, BigDecimal> monthly,
            BigDecimal baseline, Scope scope, int monthsOfYear) {
        if (monthly.isEmpty()) {
            return null;
        }
        Fraction value = switch (in.aggregation()) {
            case SUM -> Fraction.of(sum(monthly));
            case LAST -> Fraction.of(monthly.get(monthly.lastKey()));
            case MAX -> Fraction.of(monthly.values().stream().max(BigDecimal::compareTo).orElseThrow());
            case AVERAGE -> new Fraction(sum(monthly), BigDecimal.valueOf(monthly.size()));
            case RATIO -> {
                BigDecimal denominator = sum(totalsByMonth(inScope, IndicatorEvent.DENOMINATOR));
                yield denominator.signum() == 0 ? null
                        : new Fraction(sum(totalsByMonth(inScope, IndicatorEvent.NUMERATOR)), denominator);
            }
            case DISTINCT_COUNT -> Fraction.of(BigDecimal.valueOf(distinct(inScope)));
            case SUM_OF_PARTS -> {
                Parts parts = parts(in, inScope, baseline);
                yield parts == null ? null : Fraction.of(parts.stockChange().add(parts.flow()));
            }
            case YOY_CHANGE -> {
                // The months reported in both years, on both sides: a part-year is not set against a whole one,
                // whichever of the two years lacks months.
                SortedMap<YearMonth, BigDecimal> previous = totalsByMonth(within(in.values(), in.fiscalYear() - 1,
                        in.fiscalYear() - 1), null);
                BigDecimal now = BigDecimal.ZERO;
                BigDecimal before = BigDecimal.ZERO;
                for (Map.Entry<YearMonth, BigDecimal> month : monthly.entrySet()) {
                    BigDecimal then = previous.get(month.getKey().minusYears(1));
                    if (then != null) {
                        now = now.add(month.getValue());
                        before = before.add(then);
                    }
                }
                yield before.signum() <= 0 ? null : new Fraction(now.subtract(before), before);
            }
        };
        if (value != null && scope == Scope.CHANGE_FROM_BASELINE && in.aggregation() != Aggregation.SUM_OF_PARTS) {
            if (baseline == null) {
                return null;
            }
            if (in.aggregation() == Aggregation.SUM && monthsOfYear < 12) {
                // value − baseline × months ÷ 12, exactly: its forecast is then exactly the year's change.
                return value.plus(new Fraction(baseline.negate().multiply(BigDecimal.valueOf(monthsOfYear)),
                        BigDecimal.valueOf(12)));
            }
            return Fraction.of(value.decimal().subtract(baseline));
        }
        return value;
    }

    /** Breakdown values (bodies) with a positive value in force: each counted once, whatever its periods. */
    private static int distinct(List<MonthlyValue> values) {
        Map<String, BigDecimal> byValue = values.stream().filter(v -> v.breakdown() != null && !v.breakdown().isEmpty())
                .collect(Collectors.toMap(MonthlyValue::breakdown, MonthlyValue::value, BigDecimal::add));
        return (int) byValue.values().stream().filter(v -> v.signum() > 0).count();
    }

    /** A SUM_OF_PARTS's two sums: the stock parts' change against their baseline, and the flow parts' sum. */
    private record Parts(BigDecimal stockChange, BigDecimal flow) {
    }

    /**
     * The stock parts' level at their last reported period of the scope minus the baseline, and the flow parts' sum
     * over the scope; null while a stock part has no level in the scope or no baseline (its change is unknown).
     */
    private static Parts parts(Input in, List<MonthlyValue> inScope, BigDecimal baseline) {
        BigDecimal stock = BigDecimal.ZERO;
        BigDecimal flow = BigDecimal.ZERO;
        boolean anyStock = false;
        boolean anyValue = false;
        for (Part part : in.parts()) {
            SortedMap<YearMonth, BigDecimal> monthly = totalsByMonth(inScope, part.component());
            anyValue |= !monthly.isEmpty();
            if (part.kind() == PartKind.STOCK_CHANGE) {
                anyStock = true;
                if (monthly.isEmpty()) {
                    return null;
                }
                stock = stock.add(monthly.get(monthly.lastKey()));
            } else {
                flow = flow.add(sum(monthly));
            }
        }
        if (!anyValue || (anyStock && baseline == null)) {
            return null;
        }
        return new Parts(anyStock ? stock.subtract(baseline) : BigDecimal.ZERO, flow);
    }

    /** The baseline level: given as data, or the indicator's own value in the baseline year. */
    private static BigDecimal baseline(Input in) {
        Target target = in.target();
        if (target.baselineValue() != null) {
            return target.baselineValue();
        }
        List<MonthlyValue> year = within(in.values(), target.baselineFiscalYear(), target.baselineFiscalYear());
        if (in.aggregation() == Aggregation.SUM_OF_PARTS) {
            // The stock parts' levels at the end of the baseline year (e.g. the FY2022 settlement).
            BigDecimal level = BigDecimal.ZERO;
            for (Part part : in.parts()) {
                if (part.kind() != PartKind.STOCK_CHANGE) {
                    continue;
                }
                SortedMap<YearMonth, BigDecimal> monthly = totalsByMonth(year, part.component());
                if (monthly.isEmpty()) {
                    return null;
                }
                level = level.add(monthly.get(monthly.lastKey()));
            }
            return level;
        }
        SortedMap<YearMonth, BigDecimal> monthly = totalsByMonth(year, null);
        if (monthly.isEmpty()) {
            return null;
        }
        return in.aggregation() == Aggregation.SUM ? sum(monthly) : monthly.get(monthly.lastKey());
    }

    private static List<ConditionResult> conditions(Target target, List<MonthlyValue> inScope) {
        List<ConditionResult> results = new ArrayList<>();
        for (var condition : target.conditions() == null ? List.<IndicatorEvent.Condition>of() : target.conditions()) {
            if (condition.kind() == ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES) {
                Map<String, BigDecimal> byValue = inScope.stream().filter(v -> v.breakdown() != null && !v.breakdown().isEmpty())
                        .collect(Collectors.toMap(MonthlyValue::breakdown, MonthlyValue::value, BigDecimal::add));
                int distinct = (int) byValue.values().stream().filter(v -> v.signum() > 0).count();
                results.add(new ConditionResult(condition.kind().name(), condition.value(), distinct,
                        distinct >= condition.value()));
            }
        }
        return results;
    }

    /** The pace of the indicator's target; {@code profile} is its {@link #previousYearProfile}. */
    private static Pace pace(Input in, Profile profile) {
        if (in.aggregation() == Aggregation.DISTINCT_COUNT || in.aggregation() == Aggregation.SUM_OF_PARTS) {
            return Pace.LINEAR;
        }
        if (in.aggregation() != Aggregation.SUM) {
            return Pace.LEVEL;
        }
        return profile != null ? Pace.PREVIOUS_YEAR : Pace.LINEAR;
    }

    /** The previous fiscal year's running totals (index 1 = April) and its total: the shares of the seasonal pace. */
    private record Profile(BigDecimal[] running, BigDecimal total) {

        /** The share of the previous year's total reached after the first {@code months} months. */
        Fraction share(int months) {
            return months == 0 ? Fraction.ZERO : new Fraction(running[months], total);
        }
    }

    /** For a fiscal-year sum, the previous fiscal year's profile, if it was reported in full; otherwise null. */
    private static Profile previousYearProfile(Input in, Scope scope) {
        if (in.aggregation() != Aggregation.SUM || scope != Scope.FISCAL_YEAR) {
            return null;
        }
        SortedMap<YearMonth, BigDecimal> previous = totalsByMonth(within(in.values(), in.fiscalYear() - 1,
                in.fiscalYear() - 1), null);
        BigDecimal total = sum(previous);
        if (previous.size() < in.frequency().periodsPerYear() || total.signum() <= 0) {
            return null;
        }
        BigDecimal[] running = new BigDecimal[13];
        BigDecimal sum = BigDecimal.ZERO;
        for (YearMonth month : FiscalCalendar.months(in.fiscalYear() - 1)) {
            sum = sum.add(previous.getOrDefault(month, BigDecimal.ZERO));
            running[FiscalCalendar.monthIndex(month)] = sum;
        }
        return new Profile(running, total);
    }

    /**
     * The share of the scope's total expected after the first {@code months} months of the fiscal year, exactly (a
     * 34-digit 2/3 is a little more than 2/3, and put a value right on the pace just behind it).
     */
    private static Fraction share(Input in, Scope scope, Pace pace, Profile profile, int monthsOfYear) {
        if (pace == Pace.PREVIOUS_YEAR) {
            return profile.share(monthsOfYear);
        }
        if (scope == Scope.CUMULATIVE) {
            int span = 12 * (in.fiscalYear() - in.target().sinceFiscalYear() + 1);
            int before = 12 * (in.fiscalYear() - in.target().sinceFiscalYear());
            return new Fraction(BigDecimal.valueOf(before + monthsOfYear), BigDecimal.valueOf(span));
        }
        return new Fraction(BigDecimal.valueOf(monthsOfYear), BigDecimal.valueOf(12));
    }

    private static Fraction expected(Input in, Scope scope, Pace pace, Profile profile) {
        BigDecimal target = in.target().value();
        if (target == null || pace == Pace.LEVEL) {
            return target == null ? null : Fraction.of(target);
        }
        return share(in, scope, pace, profile, in.monthsEnded()).times(target);
    }

    private static Fraction forecast(Input in, Scope scope, Pace pace, Profile profile, Fraction actual,
            YearMonth lastMonth, List<MonthlyValue> inScope, BigDecimal baseline) {
        if (pace == Pace.LEVEL || !FiscalCalendar.contains(in.fiscalYear(), lastMonth)) {
            return actual;
        }
        Fraction share = share(in, scope, pace, profile, FiscalCalendar.monthIndex(lastMonth));
        if (share.signum() == 0) {
            return actual;
        }
        // Exactly: a forecast right at a grade's boundary is graded as it is.
        if (in.aggregation() == Aggregation.SUM_OF_PARTS) {
            // A stock's change stands as it is; only the flow is extrapolated to the year.
            Parts parts = parts(in, inScope, baseline);
            return Fraction.of(parts.stockChange()).plus(Fraction.of(parts.flow()).over(share));
        }
        return actual.over(share);
    }

    private static ProgressStatus status(Input in, Scope scope, Pace pace, Fraction actual, Fraction goal,
            Fraction expected, boolean yearOver, boolean conditionsMet) {
        Comparator comparator = in.target().comparator();
        boolean met = meets(comparator, actual, goal) && conditionsMet;
        if (yearOver) {
            return met ? ProgressStatus.ACHIEVED : ProgressStatus.OFF_TRACK;
        }
        // A running total or a maximum cannot fall back once the target is reached.
        boolean monotone = comparator == Comparator.AT_LEAST && scope != Scope.CHANGE_FROM_BASELINE
                && (in.aggregation() == Aggregation.SUM || in.aggregation() == Aggregation.MAX
                        || in.aggregation() == Aggregation.DISTINCT_COUNT);
        if (met && monotone) {
            return ProgressStatus.ACHIEVED;
        }
        Fraction expectedNow = pace == Pace.LEVEL ? goal : expected;
        if (meets(comparator, actual, expectedNow)) {
            return ProgressStatus.ON_TRACK;
        }
        BigDecimal onPace = achievement(comparator, actual, expectedNow);
        return onPace != null && onPace.compareTo(AT_RISK_FLOOR) >= 0 ? ProgressStatus.AT_RISK : ProgressStatus.OFF_TRACK;
    }

    private static boolean meets(Comparator comparator, Fraction actual, Fraction target) {
        int c = actual.compareTo(target);
        return comparator == Comparator.AT_LEAST ? c >= 0 : c <= 0;
    }

    /**
     * actual ÷ target for "at least"; for "at most" the ratio is inverted (target ÷ actual), except for a
     * negative target such as "3 % lower than last year", where reaching further below is the achievement. Where
     * the ratio has no value, the target's side decides: a ceiling above 0 met at 0 or below (no incident against
     * "at most 3"), or a target of 0 passed, is {@link #BEYOND} (an A); a target of 0 met exactly is 1 (a B), missed 0.
     */
    static BigDecimal achievement(Comparator comparator, Fraction actual, Fraction target) {
        if (actual == null || target == null) {
            return null;
        }
        if (target.signum() == 0) {
            int side = comparator == Comparator.AT_LEAST ? actual.signum() : -actual.signum();
            return side == 0 ? BigDecimal.ONE : side > 0 ? BEYOND : BigDecimal.ZERO;
        }
        if (comparator == Comparator.AT_LEAST || target.signum() < 0) {
            return actual.numerator().multiply(target.denominator())
                    .divide(actual.denominator().multiply(target.numerator()), MC);
        }
        if (actual.signum() <= 0) {
            return BEYOND;
        }
        return target.numerator().multiply(actual.denominator())
                .divide(target.denominator().multiply(actual.numerator()), MC);
    }

    /** The rate of a target passed where no ratio measures by how much: the lowest rate of an A. */
    static final BigDecimal BEYOND = new BigDecimal("1.2");

    private static Fraction targetFraction(Target target) {
        if (target.valueNumerator() != null && target.valueDenominator() != null) {
            return new Fraction(target.valueNumerator(), target.valueDenominator());
        }
        return Fraction.of(target.value());
    }

    private static List<MonthlyValue> within(List<MonthlyValue> values, int firstYear, int lastYear) {
        return values.stream().filter(v -> {
            int year = FiscalCalendar.fiscalYearOf(v.month());
            return year >= firstYear && year <= lastYear;
        }).toList();
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

    private static BigDecimal decimal(Fraction value) {
        return value == null ? null : value.decimal();
    }

    private static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigDecimal round4(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
