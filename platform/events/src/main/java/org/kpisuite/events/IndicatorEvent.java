package org.kpisuite.events;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Full state of an indicator after a change, on {@link Topics#INDICATORS} keyed by {@code code}.
 * Consumers keep the event with the highest {@code version}.
 *
 * @param components      the parts a value is reported in: {@code numerator} and {@code denominator} for a
 *                        ratio, none otherwise
 * @param breakdown       the dimension values are broken down by (e.g. domain), or null
 * @param allowsNegative  whether a monthly value may be below zero (e.g. a valuation change)
 * @param firstFiscalYear the first fiscal year the indicator is reported in
 * @param lastFiscalYear  the last one, set when the indicator is retired or ends; null while open
 */
public record IndicatorEvent(
        String code,
        String nameJa,
        String nameEn,
        String unit,
        String department,
        UUID planItemId,
        boolean coreTarget,
        boolean referenceOnly,
        Aggregation aggregation,
        List<String> components,
        Breakdown breakdown,
        boolean allowsNegative,
        int firstFiscalYear,
        Integer lastFiscalYear,
        List<Target> targets,
        boolean retired,
        long version,
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "indicator";
    public static final String TYPE_DEFINED = "kpi.indicator.defined.v1";
    public static final String TYPE_CHANGED = "kpi.indicator.changed.v1";
    public static final String TYPE_RETIRED = "kpi.indicator.retired.v1";

    public static final String NUMERATOR = "numerator";
    public static final String DENOMINATOR = "denominator";

    /** A plain indicator: no components, no breakdown, non-negative values, active from its first target. */
    public IndicatorEvent(String code, String nameJa, String nameEn, String unit, String department, UUID planItemId,
            boolean coreTarget, boolean referenceOnly, Aggregation aggregation, List<Target> targets, boolean retired,
            long version, Instant changedAt) {
        this(code, nameJa, nameEn, unit, department, planItemId, coreTarget, referenceOnly, aggregation, List.of(),
                null, false, targets.stream().mapToInt(Target::fiscalYear).min().orElse(0), null, targets, retired,
                version, changedAt);
    }

    /** How monthly values combine over a fiscal year. */
    public enum Aggregation {
        /** Sum of the months (a flow: accesses, applicants, cases). */
        SUM,
        /** The latest month's value (a level: agencies, a maturity score). */
        LAST,
        AVERAGE,
        MAX,
        /** Sum of the numerator component over sum of the denominator component. */
        RATIO,
        /** (sum this year − sum previous year) ÷ sum previous year, as a fraction (−0.03 is 3 % lower). */
        YOY_CHANGE
    }

    /** Whether the actual must reach the target from below or stay under it. */
    public enum Comparator {
        AT_LEAST, AT_MOST
    }

    /** What period a target's actual covers. */
    public enum Scope {
        /** The fiscal year alone. */
        FISCAL_YEAR,
        /** A running total since the start of {@code sinceFiscalYear} (e.g. "40 points since FY2023"). */
        CUMULATIVE,
        /** The level at the end of the fiscal year minus the level of {@code baselineFiscalYear}. */
        CHANGE_FROM_BASELINE
    }

    /** The dimension a value is broken down by and its allowed values. */
    public record Breakdown(String dimension, String nameJa, String nameEn, List<String> values) {
    }

    /** A further condition of a target, e.g. at least 5 distinct domains. */
    public record Condition(ConditionKind kind, int value) {
    }

    public enum ConditionKind {
        /** At least {@code value} distinct breakdown values with a value above zero in the target's scope. */
        MIN_DISTINCT_BREAKDOWN_VALUES
    }

    /** target = factor × the average of the fiscal years' values (1.2 × 217,865 = 261,438). */
    public record BaselineFormula(BigDecimal factor, int fromFiscalYear, int toFiscalYear, BigDecimal average) {
        public BigDecimal targetValue() {
            return factor.multiply(average).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        }
    }

    /**
     * The target of one fiscal year.
     *
     * @param value               the target; for an exact fraction such as 2/3, its rounded decimal
     * @param valueNumerator      with {@code valueDenominator}, an exact fraction target (2 and 3 for 2/3), else null
     * @param scope               what period the actual covers
     * @param sinceFiscalYear     first fiscal year of a CUMULATIVE scope
     * @param baselineFiscalYear  the year compared with in a CHANGE_FROM_BASELINE scope
     * @param baselineValue       the baseline level when it is known as data rather than measured
     */
    public record Target(
            int fiscalYear,
            Comparator comparator,
            BigDecimal value,
            @Schema(nullable = true) BigDecimal valueNumerator,
            @Schema(nullable = true) BigDecimal valueDenominator,
            Scope scope,
            @Schema(nullable = true) Integer sinceFiscalYear,
            @Schema(nullable = true) Integer baselineFiscalYear,
            @Schema(nullable = true) BigDecimal baselineValue,
            List<Condition> conditions,
            @Schema(nullable = true) BaselineFormula formula) {

        public Target(int fiscalYear, Comparator comparator, BigDecimal value) {
            this(fiscalYear, comparator, value, null, null, Scope.FISCAL_YEAR, null, null, null, List.of(), null);
        }

        /** The first fiscal year whose values the target's actual needs. */
        public int firstYearNeeded() {
            int first = fiscalYear;
            if (sinceFiscalYear != null) {
                first = Math.min(first, sinceFiscalYear);
            }
            if (baselineFiscalYear != null) {
                first = Math.min(first, baselineFiscalYear);
            }
            return first;
        }

        public static BigDecimal decimalOf(BigDecimal numerator, BigDecimal denominator) {
            return numerator.divide(denominator, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
        }
    }

    public Target targetFor(int fiscalYear) {
        return targets == null ? null
                : targets.stream().filter(t -> t.fiscalYear() == fiscalYear).findFirst().orElse(null);
    }

    /** Whether values of this fiscal year belong to the indicator (a retired one stays reportable for its years). */
    public boolean activeIn(int fiscalYear) {
        return fiscalYear >= firstFiscalYear && (lastFiscalYear == null || fiscalYear <= lastFiscalYear);
    }
}
