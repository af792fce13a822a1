package org.kpisuite.indicator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.BaselineFormula;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Condition;
import org.kpisuite.events.IndicatorEvent.ConditionKind;
import org.kpisuite.events.IndicatorEvent.Openness;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.PartKind;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.events.IndicatorEvent.RuleAction;
import org.kpisuite.events.IndicatorEvent.RuleKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.problem.Problem.Violation;

/** Each kind of FY2024 target, and each rule a definition can break. */
class IndicatorRulesTest {

    private static final Breakdown DOMAINS = new Breakdown("domain", "領域", "domain",
            List.of("mobility", "health", "energy", "finance", "agriculture", "public"));

    @Test
    void cumulativeSinceFy2023WithFiveDomainsNeedsValuesFrom2023() {
        var checked = IndicatorRules.check(request(Aggregation.SUM, List.of(), DOMAINS, null,
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("40"), null, Scope.CUMULATIVE, 2023, null,
                        null, List.of(new Condition(ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES, 5)), null)));
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.firstFiscalYear()).isEqualTo(2023);
        assertThat(checked.targets().get(0).scope()).isEqualTo(Scope.CUMULATIVE);
    }

    @Test
    void baselineFormulaDerivesTheTarget() {
        // dss-itss-accesses: 1.2 × the FY2019–2021 average of 217,865 = 261,438.
        var formula = new BaselineFormula(new BigDecimal("1.2"), 2019, 2021, new BigDecimal("217865"));
        var checked = IndicatorRules.check(sum(new TargetRequest(2024, Comparator.AT_LEAST, null, null, null, null, null,
                null, null, formula)));
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.targets().get(0).value()).isEqualByComparingTo("261438");

        var wrong = IndicatorRules.check(sum(new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("260000"), null,
                null, null, null, null, null, formula)));
        assertThat(fields(wrong.violations())).containsExactly("targets[0].value");
    }

    @Test
    void exactFractionForARatio() {
        var checked = IndicatorRules.check(request(Aggregation.RATIO, List.of("numerator", "denominator"), null, null,
                new TargetRequest(2024, Comparator.AT_LEAST, null, "2/3", null, null, null, null, null, null)));
        assertThat(checked.violations()).isEmpty();
        var target = checked.targets().get(0);
        assertThat(target.value()).isEqualByComparingTo("0.666667");
        assertThat(target.valueNumerator()).isEqualByComparingTo("2");
        assertThat(target.valueDenominator()).isEqualByComparingTo("3");
    }

    @Test
    void ratioNeedsNumeratorAndDenominatorAndOthersNoComponents() {
        var target = new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("0.5"));
        assertThat(fields(IndicatorRules.check(request(Aggregation.RATIO, List.of(), null, null, target)).violations()))
                .containsExactly("components");
        assertThat(fields(IndicatorRules.check(request(Aggregation.RATIO, List.of("numerator"), null, null, target))
                .violations())).containsExactly("components");
        assertThat(fields(IndicatorRules.check(request(Aggregation.SUM, List.of("numerator", "denominator"), null, null,
                target)).violations())).containsExactly("components");
    }

    @Test
    void yearOnYearReductionIsAtMostAndNeedsThePreviousYear() {
        var ok = IndicatorRules.check(request(Aggregation.YOY_CHANGE, List.of(), null, null,
                new TargetRequest(2024, Comparator.AT_MOST, new BigDecimal("-0.03"))));
        assertThat(ok.violations()).isEmpty();
        assertThat(ok.firstFiscalYear()).isEqualTo(2023);

        var wrongComparator = IndicatorRules.check(request(Aggregation.YOY_CHANGE, List.of(), null, null,
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("-0.03"))));
        assertThat(fields(wrongComparator.violations())).containsExactly("targets[0].comparator");

        var cumulative = IndicatorRules.check(request(Aggregation.YOY_CHANGE, List.of(), null, null,
                new TargetRequest(2024, Comparator.AT_MOST, new BigDecimal("-0.03"), null, Scope.CUMULATIVE, 2023, null,
                        null, null, null)));
        assertThat(fields(cumulative.violations())).contains("targets[0].scope");
    }

    @Test
    void scopeMustFitTheAggregation() {
        var cumulativeLast = IndicatorRules.check(request(Aggregation.LAST, List.of(), null, null,
                new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN, null, Scope.CUMULATIVE, 2023, null, null,
                        null, null)));
        assertThat(fields(cumulativeLast.violations())).containsExactly("targets[0].scope");

        var baselineAfter = IndicatorRules.check(request(Aggregation.LAST, List.of(), null, null,
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, Scope.CHANGE_FROM_BASELINE,
                        null, 2024, null, null, null)));
        assertThat(fields(baselineAfter.violations())).containsExactly("targets[0].baselineFiscalYear");

        var sinceWithoutScope = IndicatorRules.check(sum(new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN,
                null, null, 2023, null, null, null, null)));
        assertThat(fields(sinceWithoutScope.violations())).containsExactly("targets[0].scope");
    }

    @Test
    void regionalGainAgainstTheFy2022Settlement() {
        var checked = IndicatorRules.check(request(Aggregation.LAST, List.of(), null, true,
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, Scope.CHANGE_FROM_BASELINE,
                        null, 2022, null, null, null)));
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.firstFiscalYear()).isEqualTo(2022);
    }

    @Test
    void distinctBreakdownConditionNeedsABreakdown() {
        var condition = List.of(new Condition(ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES, 5));
        var none = IndicatorRules.check(sum(new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN, null, null,
                null, null, null, condition, null)));
        assertThat(fields(none.violations())).containsExactly("targets[0].conditions[0]");

        var tooMany = IndicatorRules.check(request(Aggregation.SUM, List.of(), DOMAINS, null,
                new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN, null, null, null, null, null,
                        List.of(new Condition(ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES, 7)), null)));
        assertThat(fields(tooMany.violations())).containsExactly("targets[0].conditions[0].value");
    }

    @Test
    void targetsOutsideTheActiveYearsAndDuplicatesAreRefused() {
        var request = new IndicatorRequest("x-y", "名", "name", "cases", "dept", UUID.randomUUID(), false, false,
                Aggregation.SUM, null, null, null, 2024, List.of(
                        new TargetRequest(2023, Comparator.AT_LEAST, BigDecimal.ONE),
                        new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.ONE),
                        new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN)));
        assertThat(fields(IndicatorRules.check(request).violations()))
                .containsExactlyInAnyOrder("targets[0].fiscalYear", "targets[2].fiscalYear");

        var closed = IndicatorRules.checkTarget(Aggregation.SUM, null, List.of(), false,
                new TargetRequest(2026, Comparator.AT_LEAST, BigDecimal.ONE), 2024, 2025);
        assertThat(fields(closed.violations())).containsExactly("fiscalYear");
    }

    @Test
    void ratedIndicatorNeedsAValueButAReferenceOneDoesNot() {
        var rated = IndicatorRules.check(sum(new TargetRequest(2024, Comparator.AT_LEAST, null)));
        assertThat(fields(rated.violations())).containsExactly("targets[0].value");

        var reference = new IndicatorRequest("cabinet-liaison-offices", "官邸連絡室", "liaison offices", "times",
                "security", UUID.randomUUID(), false, true, Aggregation.SUM, null, null, null, null,
                List.of(new TargetRequest(2024, Comparator.AT_LEAST, null)));
        assertThat(IndicatorRules.check(reference).violations()).isEmpty();
    }

    @Test
    void aDepartmentMustBeOneOfTheAgencysWhenItListsThem() {
        Optional<Set<String>> listed = Optional.of(Set.of("security", "digital-talent"));
        assertThat(IndicatorRules.checkDepartment("digital-talent", listed)).isEmpty();
        assertThat(IndicatorRules.checkDepartment("digital-talant", listed)).containsExactly(new Violation("department",
                "is not one of the agency's departments digital-talent, security"));
        assertThat(IndicatorRules.checkDepartment("anything", Optional.empty())).isEmpty();
    }

    private static IndicatorRequest sum(TargetRequest target) {
        return request(Aggregation.SUM, List.of(), null, null, target);
    }

    @Test
    void aDistinctCountCountsAFreeBreakdown() {
        var bodies = new Breakdown("body", "連携団体", "body", List.of(), Openness.FREE);
        var checked = IndicatorRules.check(request(Aggregation.DISTINCT_COUNT, List.of(), bodies, null,
                new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN)));
        assertThat(checked.violations()).isEmpty();
        var without = IndicatorRules.check(request(Aggregation.DISTINCT_COUNT, List.of(), null, null,
                new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN)));
        assertThat(fields(without.violations())).containsExactly("breakdown");
        var listed = IndicatorRules.check(request(Aggregation.DISTINCT_COUNT, List.of(),
                new Breakdown("body", "団体", "body", List.of("a"), Openness.FREE), null,
                new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN)));
        assertThat(fields(listed.violations())).containsExactly("breakdown.values");
    }

    @Test
    void aTwoPartTargetNeedsItsPartsAndABaselineForTheStock() {
        var parts = List.of(new Part("valuation-difference", PartKind.STOCK_CHANGE), new Part("ordinary-revenue", PartKind.FLOW));
        var good = IndicatorRules.check(withExtras(Aggregation.SUM_OF_PARTS, parts, List.of(),
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, Scope.CHANGE_FROM_BASELINE,
                        null, 2022, null, null, null)));
        assertThat(good.violations()).isEmpty();
        assertThat(good.firstFiscalYear()).isEqualTo(2022);
        var noBaseline = IndicatorRules.check(withExtras(Aggregation.SUM_OF_PARTS, parts, List.of(),
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("100"))));
        assertThat(fields(noBaseline.violations())).containsExactly("targets[0].scope");
        var noParts = IndicatorRules.check(withExtras(Aggregation.SUM_OF_PARTS, List.of(), List.of(),
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("100"))));
        assertThat(fields(noParts.violations())).contains("parts");
        var partsOfASum = IndicatorRules.check(withExtras(Aggregation.SUM, parts, List.of(),
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("100"))));
        assertThat(fields(partsOfASum.violations())).containsExactly("parts");
    }

    @Test
    void rulesMustFitTheIndicator() {
        var range = new Rule("maturity-range", RuleKind.RANGE, RuleAction.REJECT, null, BigDecimal.ZERO,
                new BigDecimal("5"), null, null);
        assertThat(IndicatorRules.check(withExtras(Aggregation.LAST, List.of(), List.of(range),
                new TargetRequest(2024, Comparator.AT_LEAST, new BigDecimal("2.2")))).violations()).isEmpty();
        var upsideDown = new Rule("r", RuleKind.RANGE, RuleAction.FLAG, null, BigDecimal.TEN, BigDecimal.ONE, null, null);
        var ratioOfASum = new Rule("ratio", RuleKind.NUMERATOR_AT_MOST_DENOMINATOR, RuleAction.REJECT, null, null, null,
                null, null);
        var history = new Rule("growth", RuleKind.MAX_MULTIPLE_OF_HISTORY, RuleAction.FLAG, null, null, null,
                BigDecimal.ZERO, 2);
        var twice = new Rule("r", RuleKind.RANGE, RuleAction.FLAG, "nothing", BigDecimal.ONE, null, null, null);
        var checked = IndicatorRules.check(withExtras(Aggregation.SUM, List.of(), List.of(upsideDown, ratioOfASum,
                history, twice), new TargetRequest(2024, Comparator.AT_LEAST, BigDecimal.TEN)));
        assertThat(fields(checked.violations())).containsExactly("rules[0].min", "rules[1].kind", "rules[2].multiple",
                "rules[2].periods", "rules[3].name", "rules[3].component");
    }

    private static IndicatorRequest withExtras(Aggregation aggregation, List<Part> parts, List<Rule> rules,
            TargetRequest target) {
        return new IndicatorRequest("some-indicator", "指標", "indicator", "points", "architecture", UUID.randomUUID(),
                false, false, aggregation, List.of(), null, true, null, List.of(target), Frequency.HALF_YEARLY, parts,
                rules, null);
    }

    private static IndicatorRequest request(Aggregation aggregation, List<String> components, Breakdown breakdown,
            Boolean allowsNegative, TargetRequest target) {
        return new IndicatorRequest("some-indicator", "指標", "indicator", "points", "architecture", UUID.randomUUID(),
                true, false, aggregation, components, breakdown, allowsNegative, null, List.of(target));
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }
}
