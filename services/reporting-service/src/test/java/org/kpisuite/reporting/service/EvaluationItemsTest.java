package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasureEvent;

/** Which items are evaluated, the grade proposed for each, and when a grade needs its rationale. */
class EvaluationItemsTest {

    @Test
    void theProposalIsTheRuleOfThumbOnTheMeanAchievementOfTheRatedIndicators() {
        // 130 % and 90 %: a mean of 110 % is B, though one indicator alone would be A and the other C.
        var item = item("I.1", List.of(indicator("a", "1.3"), indicator("b", "0.9")), List.of(), List.of());
        var evaluated = EvaluationItems.evaluate(item);
        assertThat(evaluated.proposedGrade()).isEqualTo("B");
        assertThat(evaluated.meanAchievement()).isEqualByComparingTo("1.1");

        assertThat(propose("1.2")).isEqualTo("A");
        assertThat(propose("1.19999")).isEqualTo("B");
        assertThat(propose("1")).isEqualTo("B");
        assertThat(propose("0.99999")).isEqualTo("C");
        assertThat(propose("0.8")).isEqualTo("C");
        assertThat(propose("0.79")).isEqualTo("D");
        assertThat(propose("5")).as("S is never proposed: it needs a judgement").isEqualTo("A");
        // (1.3 + 1.0 + 0.6) / 3 = 0.9666…: C, not rounded up to B.
        assertThat(EvaluationItems.evaluate(item("I.2", List.of(indicator("a", "1.3"), indicator("b", "1.0"),
                indicator("c", "0.6")), List.of(), List.of())).proposedGrade()).isEqualTo("C");
    }

    @Test
    void referenceOnlyIndicatorsAndIndicatorsWithoutAnAchievementAreNotRated() {
        var reference = new PlanTree.Indicator("ref", "参考", null, "d", "times", false, true, ProgressStatus.NOT_RATED,
                new BigDecimal("3"), null, null, null, null, 3);
        var unreported = indicator("late", null);
        var item = item("I.3", List.of(indicator("a", "0.85"), reference, unreported), List.of(), List.of());
        var evaluated = EvaluationItems.evaluate(item);
        assertThat(evaluated.proposedGrade()).isEqualTo("C");
        assertThat(evaluated.meanAchievement()).isEqualByComparingTo("0.85");
        assertThat(evaluated.indicators()).extracting(PlanTree.Indicator::code).containsExactly("a", "ref", "late");

        assertThat(EvaluationItems.evaluate(item("II", List.of(reference), List.of(measure("II.1.1")), List.of()))
                .proposedGrade()).as("nothing rated: nothing proposed").isNull();
    }

    @Test
    void sectionedChaptersAreEvaluatedBySectionOthersWholeAndEmptyOnesNotAtAll() {
        var i1 = item("I.1", List.of(indicator("a", "1.0")), List.of(), List.of());
        var i2 = item("I.2", List.of(), List.of(measure("I.2.(1).1")), List.of());
        var i9 = item("I.9", List.of(), List.of(), List.of());
        var chapterI = item("I", List.of(), List.of(), List.of(i1, i2, i9));
        var ii1 = item("II.1", List.of(), List.of(), List.of(item("II.1.(1)", List.of(indicator("c", "1.25")),
                List.of(measure("II.1.(1).1")), List.of())));
        var ii2 = item("II.2", List.of(indicator("d", "1.35")), List.of(), List.of());
        var chapterII = item("II", List.of(), List.of(), List.of(ii1, ii2));
        var chapterIV = item("IV", List.of(), List.of(), List.of(item("IV.1", List.of(), List.of(), List.of())));
        var tree = new PlanTree("P", 2024, LocalDate.of(2025, 6, 20), null, null, List.of(chapterI, chapterII, chapterIV));

        var evaluated = EvaluationItems.of(tree, List.of("I"));
        assertThat(evaluated).extracting(e -> e.item().code()).containsExactly("I.1", "I.2", "II");
        var ii = evaluated.get(2);
        assertThat(ii.indicators()).extracting(PlanTree.Indicator::code).containsExactly("c", "d");
        assertThat(ii.measures()).extracting(PlanTree.Measure::code).containsExactly("II.1.(1).1");
        assertThat(ii.proposedGrade()).isEqualTo("A");

        assertThat(EvaluationItems.of(tree, List.of("I", "II"))).extracting(e -> e.item().code())
                .containsExactly("I.1", "I.2", "II.1", "II.2");
    }

    @Test
    void sAGradeOtherThanTheProposalAndAGradeWithNothingProposedNeedARationale() {
        assertThat(EvaluationItems.rationaleMissing("B", "B", null)).isNull();
        assertThat(EvaluationItems.rationaleMissing("A", "B", null)).contains("differs from the proposed B");
        assertThat(EvaluationItems.rationaleMissing("C", "B", "   ")).contains("differs");
        assertThat(EvaluationItems.rationaleMissing("A", "B", "理由")).isNull();
        assertThat(EvaluationItems.rationaleMissing("S", "A", null)).contains("required for S");
        assertThat(EvaluationItems.rationaleMissing("S", "A", "顕著な成果")).isNull();
        assertThat(EvaluationItems.rationaleMissing("B", null, null)).contains("no rated indicator");
    }

    private static String propose(String rate) {
        return EvaluationItems.evaluate(item("X", List.of(indicator("x", rate)), List.of(), List.of())).proposedGrade();
    }

    static PlanTree.Indicator indicator(String code, String rate) {
        return new PlanTree.Indicator(code, code + " の名前", null, "d", "cases", false, false, ProgressStatus.ON_TRACK,
                rate == null ? null : new BigDecimal(rate).multiply(new BigDecimal("100")), new BigDecimal("100"),
                rate == null ? null : new BigDecimal(rate), null, rate == null ? null : ProgressCalculator.grade(
                        new BigDecimal(rate)), rate == null ? 0 : 12);
    }

    static PlanTree.Measure measure(String code) {
        return new PlanTree.Measure(UUID.randomUUID(), code, MeasureEvent.Kind.MEASURE, "①", null, code + " の本文", null,
                "d", MeasureEvent.Status.ON_TRACK, List.of(), 1, Instant.parse("2024-04-01T00:00:00Z"), "someone",
                List.of(), List.of(), List.of());
    }

    static PlanTree.Item item(String code, List<PlanTree.Indicator> indicators, List<PlanTree.Measure> measures,
            List<PlanTree.Item> items) {
        return new PlanTree.Item(code, code + " の見出し", null, false, new PlanTree.Attention(0, 0, 0), indicators,
                List.of(), measures, items);
    }
}
