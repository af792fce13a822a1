package org.kpisuite.events;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.fiscal.Frequency;

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
 * @param frequency       how often a value is reported (its periods: 2024-05, 2024-Q1, 2024-H1, FY2024); an event
 *                        written before frequencies existed reads as MONTHLY
 * @param parts           for SUM_OF_PARTS: the components and how each counts (a stock's change, a flow)
 * @param rules           what each value must satisfy: rejected, or accepted and flagged for review
 * @param goodDirection   which way is better where the plan implies one (a reference indicator has no target
 *                        but may still say that more cyber-attack liaison offices is worse); null when none
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
        Instant changedAt,
        Frequency frequency,
        List<Part> parts,
        List<Rule> rules,
        @Schema(nullable = true) Direction goodDirection) {

    public static final String AGGREGATE_TYPE = "indicator";
    public static final String TYPE_DEFINED = "kpi.indicator.defined.v1";
    public static final String TYPE_CHANGED = "kpi.indicator.changed.v1";
    public static final String TYPE_RETIRED = "kpi.indicator.retired.v1";

    public static final String NUMERATOR = "numerator";
    public static final String DENOMINATOR = "denominator";
    /** The breakdown value of an open category (the plan's 「など」) that names none of the listed ones. */
    public static final String OTHER = "other";

    public IndicatorEvent {
        frequency = frequency == null ? Frequency.MONTHLY : frequency;
        parts = parts == null ? List.of() : List.copyOf(parts);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** An indicator reported monthly, without parts, rules or direction (as every one was before they existed). */
    public IndicatorEvent(String code, String nameJa, String nameEn, String unit, String department, UUID planItemId,
            boolean coreTarget, boolean referenceOnly, Aggregation aggregation, List<String> components,
            Breakdown breakdown, boolean allowsNegative, int firstFiscalYear, Integer lastFiscalYear,
            List<Target> targets, boolean retired, long version, Instant changedAt) {
        this(code, nameJa, nameEn, unit, department, planItemId, coreTarget, referenceOnly, aggregation, components,
                breakdown, allowsNegative, firstFiscalYear, lastFiscalYear, targets, retired, version, changedAt,
                Frequency.MONTHLY, List.of(), List.of(), null);
    }

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
        YOY_CHANGE,
        /**
         * The number of distinct breakdown values (bodies, by name or code) with a positive value in the target's
         * scope, over every period and department: each counted once however often it is reported.
         */
        DISTINCT_COUNT,
        /** The sum of the {@code parts}: each stock part's change against the baseline, plus each flow part's sum. */
        SUM_OF_PARTS
    }

    /** Which way of the actual is better. */
    public enum Direction {
        UP, DOWN
    }

    /** How a part of a SUM_OF_PARTS counts. */
    public enum PartKind {
        /**
         * A stock (e.g. a valuation difference): its level at the end of the scope (the last period reported) minus
         * its level at the end of the target's baseline year, or minus the target's baselineValue when given.
         */
        STOCK_CHANGE,
        /** A flow (e.g. ordinary revenue): the sum of its periods in the target's fiscal year. */
        FLOW
    }

    /** One part of a SUM_OF_PARTS: the component its values are reported under and how it counts. */
    public record Part(String component, PartKind kind) {
    }

    /** Which values a breakdown accepts. */
    public enum Openness {
        /** Only the listed values. */
        CLOSED,
        /** The listed values and {@value IndicatorEvent#OTHER}, for the plan's 「など」 (an open list of categories). */
        OTHER,
        /** Any value: a name or code reported by the department (e.g. the bodies of a distinct count). */
        FREE
    }

    public enum RuleKind {
        /** The value lies within [min, max] (either may be absent). */
        RANGE,
        /** A RATIO's numerator is at most its denominator for the same period, department and breakdown. */
        NUMERATOR_AT_MOST_DENOMINATOR,
        /**
         * The value is at most {@code multiple} × the mean of the same series' values in force of the
         * {@code periods} periods before it (at least {@value #MIN_HISTORY} of them; with fewer, the rule holds).
         */
        MAX_MULTIPLE_OF_HISTORY;

        public static final int MIN_HISTORY = 3;
    }

    /** What a broken rule does to the value. */
    public enum RuleAction {
        /** Refused: 422 problem+json naming the rule; a batch lists it per row. */
        REJECT,
        /** Stored and flagged {@code RULE:<name>} for review, in the answer, the event and the facts export. */
        FLAG
    }

    /**
     * A rule each value of the indicator must satisfy, versioned with the definition.
     *
     * @param name      a stable name, used in problems and flags (e.g. {@code maturity-range})
     * @param component the component it applies to (RANGE, MAX_MULTIPLE_OF_HISTORY), or null for every value
     * @param periods   for MAX_MULTIPLE_OF_HISTORY: how many periods before the value form its history
     */
    public record Rule(
            String name,
            RuleKind kind,
            RuleAction action,
            @Schema(nullable = true) String component,
            @Schema(nullable = true) BigDecimal min,
            @Schema(nullable = true) BigDecimal max,
            @Schema(nullable = true) BigDecimal multiple,
            @Schema(nullable = true) Integer periods) {
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

    /**
     * The dimension a value is broken down by and its allowed values.
     *
     * @param openness whether values beyond the list are accepted; null reads as CLOSED
     */
    public record Breakdown(String dimension, String nameJa, String nameEn, List<String> values,
            @Schema(nullable = true) Openness openness) {

        public Breakdown(String dimension, String nameJa, String nameEn, List<String> values) {
            this(dimension, nameJa, nameEn, values, null);
        }

        /** Whether a value is one the breakdown takes. */
        public boolean accepts(String value) {
            Openness open = openness == null ? Openness.CLOSED : openness;
            return switch (open) {
                case FREE -> true;
                case OTHER -> OTHER.equals(value) || (values != null && values.contains(value));
                case CLOSED -> values != null && values.contains(value);
            };
        }
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
