package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which items of a plan's tree the agency evaluates, and the grade the suite proposes for each. An evaluation item is
 * a chapter, or each section of a chapter evaluated section by section (Ⅰ's businesses), that has indicators,
 * measures or initiatives at or below it. The proposal is the government's rule of thumb ({@link
 * ProgressCalculator#grade}) applied to the mean achievement (actual ÷ target, inverted for "at most" targets) of the
 * item's rated indicators: those with a target, not reference-only, with an achievement as of the date. S is never
 * proposed: it needs a qualitative judgement, which the rationale gives.
 */
public final class EvaluationItems {

    public static final List<String> GRADES = List.of("S", "A", "B", "C", "D");

    /** An evaluation item with everything at or below it. */
    public record Evaluated(PlanTree.Item item, List<PlanTree.Indicator> indicators, List<PlanTree.Measure> measures,
            String proposedGrade, BigDecimal meanAchievement) {
    }

    private EvaluationItems() {
    }

    public static List<Evaluated> of(PlanTree tree, Collection<String> sectionedChapters) {
        Set<String> sectioned = Set.copyOf(sectionedChapters);
        List<Evaluated> evaluated = new ArrayList<>();
        for (PlanTree.Item chapter : tree.items()) {
            List<PlanTree.Item> candidates = sectioned.contains(chapter.code()) && !chapter.items().isEmpty()
                    ? chapter.items() : List.of(chapter);
            for (PlanTree.Item item : candidates) {
                Evaluated e = evaluate(item);
                if (!e.indicators().isEmpty() || !e.measures().isEmpty()) {
                    evaluated.add(e);
                }
            }
        }
        return evaluated;
    }

    static Evaluated evaluate(PlanTree.Item item) {
        Map<String, PlanTree.Indicator> indicators = new LinkedHashMap<>();
        List<PlanTree.Measure> measures = new ArrayList<>();
        collect(item, indicators, measures);
        List<PlanTree.Indicator> all = List.copyOf(indicators.values());
        BigDecimal mean = meanAchievement(all);
        return new Evaluated(item, all, measures, mean == null ? null : ProgressCalculator.grade(mean),
                mean == null ? null : mean.setScale(4, RoundingMode.HALF_UP));
    }

    private static void collect(PlanTree.Item item, Map<String, PlanTree.Indicator> indicators,
            List<PlanTree.Measure> measures) {
        item.indicators().forEach(i -> indicators.putIfAbsent(i.code(), i));
        item.initiatives().forEach(m -> flatten(m, measures));
        item.measures().forEach(m -> flatten(m, measures));
        item.items().forEach(child -> collect(child, indicators, measures));
    }

    private static void flatten(PlanTree.Measure measure, List<PlanTree.Measure> into) {
        into.add(measure);
        measure.measures().forEach(sub -> flatten(sub, into));
    }

    /** The mean achievement of the rated indicators, exact to ten places; null when none is rated. */
    static BigDecimal meanAchievement(List<PlanTree.Indicator> indicators) {
        List<BigDecimal> rates = indicators.stream()
                .filter(i -> !i.referenceOnly() && i.target() != null && i.achievementRate() != null)
                .map(PlanTree.Indicator::achievementRate).toList();
        if (rates.isEmpty()) {
            return null;
        }
        return rates.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(rates.size()), 10, RoundingMode.HALF_EVEN);
    }

    /**
     * Why a grade needs a rationale that was not given, or null when none is missing: S always needs one (it rests on
     * more than the figures), so does a grade other than the proposal, and any grade of an item with nothing rated.
     */
    public static String rationaleMissing(String grade, String proposedGrade, String rationale) {
        if (rationale != null && !rationale.isBlank()) {
            return null;
        }
        if ("S".equals(grade)) {
            return "is required for S: say what was qualitatively outstanding";
        }
        if (proposedGrade == null) {
            return "is required: the item has no rated indicator, so no grade is proposed and the grade rests on the "
                    + "rationale alone";
        }
        if (!proposedGrade.equals(grade)) {
            return "is required: the grade " + grade + " differs from the proposed " + proposedGrade;
        }
        return null;
    }
}
