package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.MilestoneStatusEvent;

/**
 * What changed from one review to a later one: measures and initiatives whose status changed (or that came or went),
 * milestones that slipped (due later, or overdue now and not then), and indicators that moved (status, actual or
 * achievement rate). Codes identify everything, so reviews of two years' plans compare by the codes they share.
 */
@Schema(name = "ReviewComparison")
public record ReviewComparison(
        Reference from,
        Reference to,
        @Schema(description = "In plan order") List<StatusChange> statusChanges,
        List<SlippedMilestone> slippedMilestones,
        List<IndicatorChange> indicatorChanges) {

    /** fiscalYear: two years' reviews compare by the codes they share, so each side says which year it is of. */
    @Schema(name = "ReviewReference")
    public record Reference(@Schema(example = "FY2024-H1") String code, String name, String planCode,
            @Schema(example = "2024", description = "The fiscal year of the review's plan; the two reviews may be "
                    + "of different years (they compare by the codes they share)") int fiscalYear,
            @Schema(example = "2024-09-30") LocalDate asOf) {
    }

    @Schema(name = "ReviewStatusChange")
    public record StatusChange(
            @Schema(example = "I.2.(3-1).1") String code,
            @Schema(example = "MEASURE") MeasureEvent.Kind kind,
            @Schema(example = "digital-talent") String department,
            String textJa,
            @Schema(nullable = true, description = "null: not in the earlier review", example = "ON_TRACK") String from,
            @Schema(nullable = true, description = "null: not in the later review", example = "DELAYED") String to) {
    }

    @Schema(name = "ReviewSlippedMilestone")
    public record SlippedMilestone(
            @Schema(example = "I.2.(3-1).1.M1") String code,
            @Schema(example = "I.2.(3-1).1") String measureCode,
            String nameJa,
            @Schema(nullable = true, description = "null: not in the earlier review", example = "2024-08-31") LocalDate dueBefore,
            @Schema(example = "2024-11-30") LocalDate dueAfter,
            @Schema(nullable = true, description = "null: not in the earlier review", example = "OPEN") String stateBefore,
            @Schema(example = "OVERDUE") String stateAfter,
            @Schema(description = "DUE_POSTPONED (due later than before) and/or BECAME_OVERDUE",
                    example = "[\"BECAME_OVERDUE\"]") List<String> reasons) {
    }

    @Schema(name = "ReviewIndicatorChange")
    public record IndicatorChange(
            @Schema(example = "manabi-dx-accesses") String code,
            @Schema(nullable = true) ProgressStatus statusBefore,
            @Schema(nullable = true) ProgressStatus statusAfter,
            @Schema(nullable = true) BigDecimal actualBefore,
            @Schema(nullable = true) BigDecimal actualAfter,
            @Schema(nullable = true) BigDecimal achievementRateBefore,
            @Schema(nullable = true) BigDecimal achievementRateAfter) {
    }

    public static ReviewComparison of(PlanReviews.Review from, PlanReviews.Review to) {
        return compare(new Reference(from.code(), from.name(), from.planCode(), from.fiscalYear(), from.asOf()),
                new Reference(to.code(), to.name(), to.planCode(), to.fiscalYear(), to.asOf()), from.tree(), to.tree());
    }

    static ReviewComparison compare(Reference fromRef, Reference toRef, PlanTree from, PlanTree to) {
        Map<String, PlanTree.Measure> before = measures(from);
        Map<String, PlanTree.Measure> after = measures(to);
        List<StatusChange> statusChanges = new ArrayList<>();
        List<String> codes = new ArrayList<>(after.keySet());
        before.keySet().stream().filter(c -> !after.containsKey(c)).forEach(codes::add);
        for (String code : codes) {
            PlanTree.Measure a = before.get(code);
            PlanTree.Measure b = after.get(code);
            String s1 = a == null ? null : String.valueOf(a.status());
            String s2 = b == null ? null : String.valueOf(b.status());
            if (!Objects.equals(s1, s2)) {
                PlanTree.Measure any = b != null ? b : a;
                statusChanges.add(new StatusChange(code, any.kind(), any.department(), any.textJa(), s1, s2));
            }
        }

        Map<String, PlanTree.Milestone> milestonesBefore = new LinkedHashMap<>();
        before.values().forEach(m -> m.milestones().forEach(ms -> milestonesBefore.put(ms.code(), ms)));
        List<SlippedMilestone> slipped = new ArrayList<>();
        for (PlanTree.Measure m : after.values()) {
            for (PlanTree.Milestone ms : m.milestones()) {
                PlanTree.Milestone earlier = milestonesBefore.get(ms.code());
                List<String> reasons = new ArrayList<>();
                if (earlier != null && ms.due().isAfter(earlier.due())) {
                    reasons.add("DUE_POSTPONED");
                }
                if (MilestoneStatusEvent.OVERDUE.equals(ms.state())
                        && (earlier == null || !MilestoneStatusEvent.OVERDUE.equals(earlier.state()))) {
                    reasons.add("BECAME_OVERDUE");
                }
                if (!reasons.isEmpty()) {
                    slipped.add(new SlippedMilestone(ms.code(), m.code(), ms.nameJa(),
                            earlier == null ? null : earlier.due(), ms.due(), earlier == null ? null : earlier.state(),
                            ms.state(), reasons));
                }
            }
        }

        Map<String, PlanTree.Indicator> indicatorsBefore = indicators(from);
        Map<String, PlanTree.Indicator> indicatorsAfter = indicators(to);
        List<IndicatorChange> moved = new ArrayList<>();
        TreeSet<String> indicatorCodes = new TreeSet<>(indicatorsAfter.keySet());
        indicatorCodes.addAll(indicatorsBefore.keySet());
        for (String code : indicatorCodes) {
            PlanTree.Indicator a = indicatorsBefore.get(code);
            PlanTree.Indicator b = indicatorsAfter.get(code);
            if (a == null || b == null || a.status() != b.status() || differ(a.actual(), b.actual())
                    || differ(a.achievementRate(), b.achievementRate())) {
                moved.add(new IndicatorChange(code, a == null ? null : a.status(), b == null ? null : b.status(),
                        a == null ? null : a.actual(), b == null ? null : b.actual(),
                        a == null ? null : a.achievementRate(), b == null ? null : b.achievementRate()));
            }
        }
        return new ReviewComparison(fromRef, toRef, statusChanges, slipped, moved);
    }

    private static boolean differ(BigDecimal a, BigDecimal b) {
        return a == null ? b != null : b == null || a.compareTo(b) != 0;
    }

    /** Every measure, sub-measure and initiative of the tree by code, in plan order. */
    static Map<String, PlanTree.Measure> measures(PlanTree tree) {
        Map<String, PlanTree.Measure> all = new LinkedHashMap<>();
        collect(tree.items(), all);
        return all;
    }

    private static void collect(List<PlanTree.Item> items, Map<String, PlanTree.Measure> all) {
        for (PlanTree.Item item : items) {
            item.initiatives().forEach(m -> addMeasure(m, all));
            item.measures().forEach(m -> addMeasure(m, all));
            collect(item.items(), all);
        }
    }

    private static void addMeasure(PlanTree.Measure m, Map<String, PlanTree.Measure> all) {
        all.put(m.code(), m);
        m.measures().forEach(sub -> addMeasure(sub, all));
    }

    private static Map<String, PlanTree.Indicator> indicators(PlanTree tree) {
        Map<String, PlanTree.Indicator> all = new LinkedHashMap<>();
        collectIndicators(tree.items(), all);
        return all;
    }

    private static void collectIndicators(List<PlanTree.Item> items, Map<String, PlanTree.Indicator> all) {
        for (PlanTree.Item item : items) {
            item.indicators().forEach(i -> all.put(i.code(), i));
            collectIndicators(item.items(), all);
        }
    }
}
