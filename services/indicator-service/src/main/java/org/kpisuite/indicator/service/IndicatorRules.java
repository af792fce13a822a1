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
import org.kpisuite.events.IndicatorEvent.Openness;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.PartKind;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.events.IndicatorEvent.RuleKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.problem.ColumnNumbers;
import org.kpisuite.problem.Problem.Violation;
import org.kpisuite.problem.TextRules;

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
        List<Part> parts = r.parts() == null ? List.of() : r.parts();
        if (r.aggregation() == Aggregation.SUM_OF_PARTS) {
            checkParts(parts, components, violations);
            components = parts.stream().map(Part::component).toList();
        } else if (!parts.isEmpty()) {
            violations.add(new Violation("parts", "only a SUM_OF_PARTS has parts, not " + r.aggregation()));
        }
        if (r.aggregation() == Aggregation.SUM_OF_PARTS) {
            // checked above
        } else if (r.aggregation() == Aggregation.RATIO) {
            if (components.size() != 2 || !new HashSet<>(components).equals(new HashSet<>(RATIO_COMPONENTS))) {
                violations.add(new Violation("components", "a RATIO needs exactly the components numerator and denominator"));
            }
        } else if (!components.isEmpty()) {
            violations.add(new Violation("components", "only a RATIO has components, not " + r.aggregation()));
        }
        var breakdown = r.breakdown();
        if (breakdown != null) {
            if (TextRules.blank(breakdown.dimension())) {
                violations.add(new Violation("breakdown.dimension", "must not be blank"));
            }
            if (breakdown.openness() == Openness.FREE) {
                if (breakdown.values() != null && !breakdown.values().isEmpty()) {
                    violations.add(new Violation("breakdown.values", "a FREE breakdown takes any value; list none"));
                }
            } else if (breakdown.values() == null || breakdown.values().isEmpty()) {
                violations.add(new Violation("breakdown.values", "must list the allowed values"));
            } else if (new HashSet<>(breakdown.values()).size() != breakdown.values().size()) {
                violations.add(new Violation("breakdown.values", "must not repeat a value"));
            }
        }

        if (r.aggregation() == Aggregation.DISTINCT_COUNT && breakdown == null) {
            violations.add(new Violation("breakdown", "a DISTINCT_COUNT counts the distinct values of a breakdown "
                    + "(e.g. the bodies, openness FREE); define one"));
        }
        checkRules(r.aggregation(), components, r.rules() == null ? List.of() : r.rules(), violations);

        boolean referenceOnly = Boolean.TRUE.equals(r.referenceOnly());
        List<Target> targets = new ArrayList<>();
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < r.targets().size(); i++) {
            TargetRequest t = r.targets().get(i);
            String at = "targets[" + i + "].";
            if (!years.add(t.fiscalYear())) {
                violations.add(new Violation(at + "fiscalYear", "FY" + t.fiscalYear() + " has more than one target"));
            }
            targets.add(target(r.aggregation(), r.breakdown(), parts, t, referenceOnly, at, violations));
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
    public static Checked checkTarget(Aggregation aggregation, Breakdown breakdown, List<Part> parts,
            boolean referenceOnly, TargetRequest target, int firstFiscalYear, Integer lastFiscalYear) {
        List<Violation> violations = new ArrayList<>();
        Target checked = target(aggregation, breakdown, parts, target, referenceOnly, "", violations);
        if (target.fiscalYear() < firstFiscalYear || (lastFiscalYear != null && target.fiscalYear() > lastFiscalYear)) {
            violations.add(new Violation("fiscalYear", "the indicator is not active in FY" + target.fiscalYear()
                    + " (FY" + firstFiscalYear + "–" + (lastFiscalYear == null ? "" : "FY" + lastFiscalYear) + ")"));
        }
        return new Checked(List.of(checked), firstFiscalYear, violations);
    }

    private static Target target(Aggregation aggregation, Breakdown breakdown, List<Part> parts, TargetRequest t,
            boolean referenceOnly, String at, List<Violation> violations) {
        BigDecimal value = t.value();
        BigDecimal numerator = null;
        BigDecimal denominator = null;
        if (t.fraction() != null) {
            String[] terms = t.fraction().split("/");
            numerator = new BigDecimal(terms[0]);
            denominator = new BigDecimal(terms[1]);
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
                if (aggregation != Aggregation.LAST && aggregation != Aggregation.SUM
                        && aggregation != Aggregation.SUM_OF_PARTS) {
                    violations.add(new Violation(at + "scope", "a change from a baseline compares a LAST level or a SUM, not "
                            + aggregation));
                }
                if (t.baselineFiscalYear() == null || t.baselineFiscalYear() >= t.fiscalYear()) {
                    violations.add(new Violation(at + "baselineFiscalYear", "a CHANGE_FROM_BASELINE target needs a "
                            + "baseline year before FY" + t.fiscalYear()));
                }
            }
        }
        boolean stock = parts.stream().anyMatch(p -> p.kind() == PartKind.STOCK_CHANGE);
        if (aggregation == Aggregation.SUM_OF_PARTS && stock && scope != Scope.CHANGE_FROM_BASELINE) {
            violations.add(new Violation(at + "scope", "a stock part changes against a baseline: the scope is "
                    + "CHANGE_FROM_BASELINE with a baselineFiscalYear"));
        }
        if (aggregation == Aggregation.SUM_OF_PARTS && scope == Scope.CUMULATIVE) {
            violations.add(new Violation(at + "scope", "a SUM_OF_PARTS is not CUMULATIVE"));
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
                } else if (breakdown.openness() != null && breakdown.openness() != Openness.CLOSED) {
                    if (condition.value() < 1) {
                        violations.add(new Violation(at + "conditions[" + c + "].value", "must be at least 1"));
                    }
                } else if (condition.value() < 1 || condition.value() > breakdown.values().size()) {
                    violations.add(new Violation(at + "conditions[" + c + "].value", "must be between 1 and the "
                            + breakdown.values().size() + " breakdown values"));
                }
            }
        }
        return new Target(t.fiscalYear(), t.comparator(), value, numerator, denominator, scope, t.sinceFiscalYear(),
                t.baselineFiscalYear(), t.baselineValue(), List.copyOf(conditions), formula);
    }

    private static void checkParts(List<Part> parts, List<String> components, List<Violation> violations) {
        if (parts.isEmpty()) {
            violations.add(new Violation("parts", "a SUM_OF_PARTS needs its parts, each a component with its kind "
                    + "(STOCK_CHANGE or FLOW)"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part.component() == null || !part.component().matches("[a-z0-9][a-z0-9-]{0,63}")) {
                violations.add(new Violation("parts[" + i + "].component", "must be lower-case letters, digits and dashes"));
            } else if (!names.add(part.component())) {
                violations.add(new Violation("parts[" + i + "].component", "appears twice"));
            }
            if (part.kind() == null) {
                violations.add(new Violation("parts[" + i + "].kind", "must be STOCK_CHANGE or FLOW"));
            }
        }
        if (!components.isEmpty() && !new HashSet<>(components).equals(names)) {
            violations.add(new Violation("components", "a SUM_OF_PARTS's components are its parts' (leave them out)"));
        }
    }

    /** Each rule fits the indicator: a known component, bounds in order, a positive multiple, a unique name. */
    static void checkRules(Aggregation aggregation, List<String> components, List<Rule> rules,
            List<Violation> violations) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String at = "rules[" + i + "].";
            if (rule.name() == null || !rule.name().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                violations.add(new Violation(at + "name", "must be 1–40 lower-case letters, digits and dashes"));
            } else if (!names.add(rule.name())) {
                violations.add(new Violation(at + "name", "another rule is named " + rule.name()));
            }
            if (rule.kind() == null || rule.action() == null) {
                violations.add(new Violation(at + (rule.kind() == null ? "kind" : "action"), rule.kind() == null
                        ? "must be RANGE, NUMERATOR_AT_MOST_DENOMINATOR or MAX_MULTIPLE_OF_HISTORY"
                        : "must be REJECT or FLAG"));
                continue;
            }
            if (rule.component() != null && !components.contains(rule.component())) {
                violations.add(new Violation(at + "component", "the indicator has no component " + rule.component()));
            }
            for (BigDecimal number : java.util.Arrays.asList(rule.min(), rule.max(), rule.multiple())) {
                if (number != null && !ColumnNumbers.fits(number)) {
                    violations.add(new Violation(at + "min", "min, max and multiple " + ColumnNumbers.REASON));
                }
            }
            switch (rule.kind()) {
                case RANGE -> {
                    if (rule.min() == null && rule.max() == null) {
                        violations.add(new Violation(at + "min", "a RANGE needs a min, a max or both"));
                    } else if (rule.min() != null && rule.max() != null && rule.min().compareTo(rule.max()) > 0) {
                        violations.add(new Violation(at + "min", "must not be above max"));
                    }
                }
                case NUMERATOR_AT_MOST_DENOMINATOR -> {
                    if (aggregation != Aggregation.RATIO) {
                        violations.add(new Violation(at + "kind", "NUMERATOR_AT_MOST_DENOMINATOR belongs to a RATIO"));
                    }
                }
                case MAX_MULTIPLE_OF_HISTORY -> {
                    if (rule.multiple() == null || rule.multiple().signum() <= 0) {
                        violations.add(new Violation(at + "multiple", "must be above zero"));
                    }
                    if (rule.periods() == null || rule.periods() < RuleKind.MIN_HISTORY || rule.periods() > 36) {
                        violations.add(new Violation(at + "periods", "must be between " + RuleKind.MIN_HISTORY
                                + " and 36 periods of history"));
                    }
                }
            }
        }
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
