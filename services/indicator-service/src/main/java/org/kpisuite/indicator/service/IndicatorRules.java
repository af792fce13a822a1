package org.kpisuite.indicator.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.ConditionKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.problem.ColumnNumbers;
import org.kpisuite.problem.Problem.Violation;

/**
 * The rules an indicator definition must keep, beyond field formats: what fits a ratio, a scope, a
 * year-on-year change; which years are active. Pure, so that each rule has a plain unit test.
 */
public final class IndicatorRules {

    static final List<String> RATIO_COMPONENTS = List.of(IndicatorEvent.NUMERATOR, IndicatorEvent.DENOMINATOR);

    private IndicatorRules() {
    }

    /** A checked definition: its targets normalised (value derived from a fraction or formula, scope set). */
    public record Checked(List<Target> targets, int firstFiscalYear, List<Violation> violations) {
    }

    public static Checked check(IndicatorRequest r) {
        List<Violation> violations = new ArrayList<>();
        List<String> components = r.components() == null ? List.of() : r.components();
        if (r.aggregation() == Aggregation.RATIO) {
            if (components.size() != 2 || !new HashSet<>(components).equals(new HashSet<>(RATIO_COMPONENTS))) {
                violations.add(new Violation("components", "a RATIO needs exactly the components numerator and denominator"));
            }
        } else if (!components.isEmpty()) {
            violations.add(new Violation("components", "only a RATIO has components, not " + r.aggregation()));
        }
        var breakdown = r.breakdown();
        if (breakdown != null) {
            if (breakdown.dimension() == null || breakdown.dimension().isBlank()) {
                violations.add(new Violation("breakdown.dimension", "must not be blank"));
            }
            if (breakdown.values() == null || breakdown.values().isEmpty()) {
                violations.add(new Violation("breakdown.values", "must list the allowed values"));
            } else if (new HashSet<>(breakdown.values()).size() != breakdown.values().size()) {
                violations.add(new Violation("breakdown.values", "must not repeat a value"));
            }
        }

        boolean referenceOnly = Boolean.TRUE.equals(r.referenceOnly());
        List<Target> targets = new ArrayList<>();
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < r.targets().size(); i++) {
            TargetRequest t = r.targets().get(i);
            String at = "targets[" + i + "].";
            if (!years.add(t.fiscalYear())) {
                violations.add(new Violation(at + "fiscalYear", "FY" + t.fiscalYear() + " has more than one target"));
            }
            targets.add(target(r.aggregation(), r.breakdown(), t, referenceOnly, at, violations));
        }

        int neededFrom = targets.stream().mapToInt(t -> t.firstYearNeeded()
                - (r.aggregation() == Aggregation.YOY_CHANGE ? 1 : 0)).min().orElse(0);
        int first = r.firstFiscalYear() == null ? neededFrom : r.firstFiscalYear();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t.fiscalYear() < first) {
                violations.add(new Violation("targets[" + i + "].fiscalYear", "FY" + t.fiscalYear()
                        + " is before the indicator's first fiscal year FY" + first));
            } else if (t.firstYearNeeded() < first && t.baselineValue() == null) {
                violations.add(new Violation("firstFiscalYear", "the target of FY" + t.fiscalYear()
                        + " needs values from FY" + t.firstYearNeeded() + ", before FY" + first));
            }
        }
        return new Checked(targets, first, violations);
    }

    /** The department, when the agency lists its departments ({@code kpi.indicator.departments}): one of them. */
    public static List<Violation> checkDepartment(String department, Optional<Set<String>> departments) {
        return departments.filter(known -> !known.contains(department))
                .map(known -> List.of(new Violation("department", "is not one of the agency's departments "
                        + String.join(", ", new TreeSet<>(known)))))
                .orElse(List.of());
    }

    /** Checks that a target fits an indicator that is already defined, and its active years. */
    public static Checked checkTarget(Aggregation aggregation, Breakdown breakdown, boolean referenceOnly,
            TargetRequest target, int firstFiscalYear, Integer lastFiscalYear) {
        List<Violation> violations = new ArrayList<>();
        Target checked = target(aggregation, breakdown, target, referenceOnly, "", violations);
        if (target.fiscalYear() < firstFiscalYear || (lastFiscalYear != null && target.fiscalYear() > lastFiscalYear)) {
            violations.add(new Violation("fiscalYear", "the indicator is not active in FY" + target.fiscalYear()
                    + " (FY" + firstFiscalYear + "–" + (lastFiscalYear == null ? "" : "FY" + lastFiscalYear) + ")"));
        }
        return new Checked(List.of(checked), firstFiscalYear, violations);
    }

    private static Target target(Aggregation aggregation, Breakdown breakdown, TargetRequest t,
            boolean referenceOnly, String at, List<Violation> violations) {
        BigDecimal value = t.value();
        BigDecimal numerator = null;
        BigDecimal denominator = null;
        if (t.fraction() != null) {
            String[] parts = t.fraction().split("/");
            numerator = new BigDecimal(parts[0]);
            denominator = new BigDecimal(parts[1]);
            if (denominator.signum() == 0) {
                violations.add(new Violation(at + "fraction", "the denominator must not be zero"));
                denominator = null;
                numerator = null;
            } else if (!ColumnNumbers.fits(Target.decimalOf(numerator, denominator))) {
                violations.add(new Violation(at + "fraction", "its value " + ColumnNumbers.REASON));
            } else {
                value = agree(at, value, Target.decimalOf(numerator, denominator), t.fraction(), violations);
            }
        }
        var formula = t.formula();
        if (formula != null) {
            if (formula.factor() == null || formula.average() == null || formula.factor().signum() <= 0) {
                violations.add(new Violation(at + "formula", "needs a positive factor and the average of the base years"));
            } else if (formula.fromFiscalYear() > formula.toFiscalYear()) {
                violations.add(new Violation(at + "formula.fromFiscalYear", "must not be after toFiscalYear"));
            } else if (!ColumnNumbers.fits(formula.factor()) || !ColumnNumbers.fits(formula.average())
                    || !ColumnNumbers.fits(formula.targetValue())) {
                violations.add(new Violation(at + "formula", "factor, average and their product "
                        + ColumnNumbers.REASON));
            } else {
                value = agree(at, value, formula.targetValue(), formula.factor().toPlainString() + " × "
                        + formula.average().toPlainString(), violations);
            }
        }
        if (value == null && !referenceOnly) {
            violations.add(new Violation(at + "value", "a rated indicator needs a target value, fraction or formula"));
        }

        Scope scope = t.scope() == null ? Scope.FISCAL_YEAR : t.scope();
        switch (scope) {
            case FISCAL_YEAR -> {
                if (t.sinceFiscalYear() != null || t.baselineFiscalYear() != null) {
                    violations.add(new Violation(at + "scope", "sinceFiscalYear and baselineFiscalYear belong to "
                            + "the CUMULATIVE and CHANGE_FROM_BASELINE scopes"));
                }
            }
            case CUMULATIVE -> {
                if (aggregation != Aggregation.SUM) {
                    violations.add(new Violation(at + "scope", "a CUMULATIVE target needs a SUM, not " + aggregation));
                }
                if (t.sinceFiscalYear() == null || t.sinceFiscalYear() > t.fiscalYear()) {
                    violations.add(new Violation(at + "sinceFiscalYear", "a CUMULATIVE target needs the first year "
                            + "counted, not after FY" + t.fiscalYear()));
                }
            }
            case CHANGE_FROM_BASELINE -> {
                if (aggregation != Aggregation.LAST && aggregation != Aggregation.SUM) {
                    violations.add(new Violation(at + "scope", "a change from a baseline compares a LAST level or a SUM, not "
                            + aggregation));
                }
                if (t.baselineFiscalYear() == null || t.baselineFiscalYear() >= t.fiscalYear()) {
                    violations.add(new Violation(at + "baselineFiscalYear", "a CHANGE_FROM_BASELINE target needs a "
                            + "baseline year before FY" + t.fiscalYear()));
                }
            }
        }
        if (aggregation == Aggregation.YOY_CHANGE && scope != Scope.FISCAL_YEAR) {
            violations.add(new Violation(at + "scope", "a YOY_CHANGE compares one fiscal year with the previous one"));
        }
        if (aggregation == Aggregation.YOY_CHANGE && value != null && value.signum() != 0) {
            Comparator fitting = value.signum() < 0 ? Comparator.AT_MOST : Comparator.AT_LEAST;
            if (t.comparator() != fitting) {
                violations.add(new Violation(at + "comparator", value.signum() < 0
                        ? "a reduction target (" + value.toPlainString() + ") is reached by staying AT_MOST it"
                        : "a growth target (" + value.toPlainString() + ") is reached by getting AT_LEAST to it"));
            }
        }
        var conditions = t.conditions() == null ? List.<IndicatorEvent.Condition>of() : t.conditions();
        for (int c = 0; c < conditions.size(); c++) {
            var condition = conditions.get(c);
            if (condition.kind() == ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES) {
                if (breakdown == null || breakdown.values() == null) {
                    violations.add(new Violation(at + "conditions[" + c + "]", "counting distinct breakdown values "
                            + "needs a breakdown"));
                } else if (condition.value() < 1 || condition.value() > breakdown.values().size()) {
                    violations.add(new Violation(at + "conditions[" + c + "].value", "must be between 1 and the "
                            + breakdown.values().size() + " breakdown values"));
                }
            }
        }
        return new Target(t.fiscalYear(), t.comparator(), value, numerator, denominator, scope, t.sinceFiscalYear(),
                t.baselineFiscalYear(), t.baselineValue(), List.copyOf(conditions), formula);
    }

    private static BigDecimal agree(String at, BigDecimal given, BigDecimal derived, String from,
            List<Violation> violations) {
        if (given != null && given.compareTo(derived) != 0) {
            violations.add(new Violation(at + "value", from + " gives " + derived.toPlainString() + ", not "
                    + given.toPlainString()));
        }
        return derived;
    }
}
