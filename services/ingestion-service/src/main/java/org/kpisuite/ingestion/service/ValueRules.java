package org.kpisuite.ingestion.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.events.IndicatorEvent.RuleKind;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.fiscal.Period;
import org.kpisuite.ingestion.domain.MeasurementKey;

/**
 * The validation rules of an indicator (its definition's {@code rules}) applied to one value. Pure: what the rules
 * need beyond the value — the other component of the same ratio key, the series' values in force before it — is
 * given. Each broken rule is a {@link Rejection} naming the rule; whether it rejects or flags is the rule's action.
 */
public final class ValueRules {

    private ValueRules() {
    }

    /** A rule the value breaks and the rejection that names it. */
    public record Broken(Rule rule, Rejection rejection) {

        public boolean rejects() {
            return rule.action() == IndicatorEvent.RuleAction.REJECT;
        }

        /** The flag of a value stored for review: {@code RULE:<name>}. */
        public String flag() {
            return MeasurementEvent.FLAG_RULE_PREFIX + rule.name();
        }
    }

    /** What a rule may need besides the value. */
    public interface Context {
        /** The value of the same key with the other component of a ratio (this call's, else the stored one), or null. */
        BigDecimal counterpart(MeasurementKey key, String component);

        /** The series' values in force by period (this call's included), to read the periods before the value's. */
        NavigableMap<String, BigDecimal> history(MeasurementKey key);
    }

    public static List<Broken> check(IndicatorEvent indicator, MeasurementKey key, Period period, BigDecimal value,
            Context context) {
        List<Broken> broken = new ArrayList<>();
        for (Rule rule : indicator.rules()) {
            if (rule.kind() == null || rule.action() == null
                    || (rule.component() != null && !rule.component().equals(key.component()))) {
                continue; // a kind this version does not know, or another component's rule
            }
            Rejection rejection = switch (rule.kind()) {
                case RANGE -> range(rule, value);
                case NUMERATOR_AT_MOST_DENOMINATOR -> ratio(rule, key, value, context);
                case MAX_MULTIPLE_OF_HISTORY -> history(rule, key, period, value, context);
            };
            if (rejection != null) {
                broken.add(new Broken(rule, rejection));
            }
        }
        return broken;
    }

    private static Rejection range(Rule rule, BigDecimal value) {
        if (rule.min() != null && value.compareTo(rule.min()) < 0) {
            return Rejection.rule(rule.name(), "value", "rule.range.min", rule.name(), plain(value), plain(rule.min()));
        }
        if (rule.max() != null && value.compareTo(rule.max()) > 0) {
            return Rejection.rule(rule.name(), "value", "rule.range.max", rule.name(), plain(value), plain(rule.max()));
        }
        return null;
    }

    private static Rejection ratio(Rule rule, MeasurementKey key, BigDecimal value, Context context) {
        boolean numerator = IndicatorEvent.NUMERATOR.equals(key.component());
        if (!numerator && !IndicatorEvent.DENOMINATOR.equals(key.component())) {
            return null;
        }
        BigDecimal other = context.counterpart(key, numerator ? IndicatorEvent.DENOMINATOR : IndicatorEvent.NUMERATOR);
        if (other == null) {
            return null; // the other part is not reported yet: checked when it is
        }
        BigDecimal n = numerator ? value : other;
        BigDecimal d = numerator ? other : value;
        return n.compareTo(d) > 0 ? Rejection.rule(rule.name(), "value", "rule.ratio", rule.name(), plain(n), plain(d),
                key.month()) : null;
    }

    /** value ≤ multiple × mean of the series' values of the {@code periods} periods before it (at least 3 of them). */
    private static Rejection history(Rule rule, MeasurementKey key, Period period, BigDecimal value, Context context) {
        if (rule.multiple() == null || rule.periods() == null) {
            return null;
        }
        String from = period.minus(rule.periods()).toString();
        List<BigDecimal> before = context.history(key).subMap(from, true, period.toString(), false).entrySet().stream()
                .filter(e -> Period.parse(e.getKey()).map(p -> p.frequency() == period.frequency()).orElse(false))
                .map(java.util.Map.Entry::getValue).toList();
        if (before.size() < RuleKind.MIN_HISTORY) {
            return null;
        }
        BigDecimal sum = before.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal count = BigDecimal.valueOf(before.size());
        // value > multiple × sum ÷ count, compared without the division: exactly 3 × a mean of 10/3 is allowed.
        return value.multiply(count).compareTo(rule.multiple().multiply(sum)) > 0
                ? Rejection.rule(rule.name(), "value", "rule.history", rule.name(), plain(value), plain(rule.multiple()),
                        mean(sum, count), String.valueOf(before.size()), period.toString())
                : null;
    }

    /** The mean as it is, or as sum/count ≈ six places when those would hide what was compared (2/3 ≈ 0.666667). */
    private static String mean(BigDecimal sum, BigDecimal count) {
        BigDecimal rounded = sum.divide(count, 6, RoundingMode.HALF_UP);
        return rounded.multiply(count).compareTo(sum) == 0 ? plain(rounded)
                : plain(sum) + "/" + count + " ≈ " + plain(rounded);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
