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
import org.kpisuite.events.IndicatorEvent.Scope;
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

        var closed = IndicatorRules.checkTarget(Aggregation.SUM, null, false,
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

    private static IndicatorRequest request(Aggregation aggregation, List<String> components, Breakdown breakdown,
            Boolean allowsNegative, TargetRequest target) {
        return new IndicatorRequest("some-indicator", "指標", "indicator", "points", "architecture", UUID.randomUUID(),
                true, false, aggregation, components, breakdown, allowsNegative, null, List.of(target));
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }
}
