package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.CommentaryEvent.ReviewPeriod;
import org.kpisuite.events.MilestoneStatusEvent;
import org.kpisuite.reporting.service.PlanTree;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The plan tree ({@code GET /api/v1/plan-tree}) as flat rows: one per item, indicator, initiative, measure, milestone. */
@RegisterForReflection
@Schema(name = "ExportPlanRow", description = "One node of the plan tree as of a date, flat. path orders the rows as "
        + "the tree does (depth first) and parentPath links a row to the row it sits under.")
public record ExportPlanRow(
        @Schema(description = "Position in the tree; rows come ordered by it", example = "5-0001.5-0002.3-001") String path,
        @Schema(nullable = true, example = "5-0001.5-0002") String parentPath,
        @Schema(description = "ITEM, INDICATOR, INITIATIVE, MEASURE or MILESTONE", example = "MEASURE") String rowType,
        @Schema(example = "I.2.(3-1).1") String code,
        @Schema(description = "The chapter the row sits in", example = "I") String chapterCode,
        @Schema(description = "The plan item the row sits under (itself for an item)", example = "I.2.(3-1)") String itemCode,
        @Schema(nullable = true, example = "①") String marker,
        @Schema(description = "An item's or milestone's name, a measure's text", example = "春期試験…を着実に実施する。") String nameJa,
        @Schema(nullable = true) String nameEn,
        @Schema(nullable = true, example = "digital-talent") String department,
        @Schema(nullable = true, description = "A measure's or initiative's status, an indicator's progress status, a "
                + "milestone's state (OPEN, OVERDUE, DONE, DROPPED)", example = "DELAYED") String status,
        @Schema(nullable = true, example = "2024-08-31") LocalDate due,
        @Schema(nullable = true, example = "2024-09-02") LocalDate doneOn,
        @Schema(nullable = true, description = "Milestones: days past due as of asOf when overdue") Integer daysOverdue,
        @Schema(nullable = true) BigDecimal actual,
        @Schema(nullable = true) BigDecimal target,
        @Schema(nullable = true) BigDecimal achievementRate,
        @Schema(nullable = true) String grade,
        @Schema(nullable = true, description = "Items: overdue milestones in the item and below") Integer overdueMilestones,
        @Schema(nullable = true, description = "The latest first-half commentary: what was done") String h1Done,
        @Schema(nullable = true) String h1Problems,
        @Schema(nullable = true) String h1NextSteps,
        @Schema(nullable = true, description = "The latest year-end commentary: what was done") String fyDone,
        @Schema(nullable = true) String fyProblems,
        @Schema(nullable = true) String fyNextSteps,
        @Schema(example = "2024-09-30") LocalDate asOf,
        @Schema(nullable = true, description = "What was recorded by this instant is in the rows (null: everything)")
        Instant recordedBy) {

    /** Every node of the tree as a row, in path order. */
    static List<ExportPlanRow> of(PlanTree tree) {
        List<ExportPlanRow> rows = new ArrayList<>();
        items(tree, tree.items(), null, null, rows);
        rows.sort(Comparator.comparing(ExportPlanRow::path));
        return rows;
    }

    private static void items(PlanTree tree, List<PlanTree.Item> items, String parentPath, String chapter,
            List<ExportPlanRow> rows) {
        for (int i = 0; i < items.size(); i++) {
            PlanTree.Item item = items.get(i);
            String path = child(parentPath, "5-%04d".formatted(i + 1));
            String chapterCode = chapter == null ? item.code() : chapter;
            rows.add(new ExportPlanRow(path, parentPath, "ITEM", item.code(), chapterCode, item.code(), null,
                    item.nameJa(), item.nameEn(), null, null, null, null, null, null, null, null, null,
                    item.attention().overdueMilestones(), null, null, null, null, null, null, tree.asOf(),
                    tree.recordedBy()));
            for (int k = 0; k < item.indicators().size(); k++) {
                PlanTree.Indicator x = item.indicators().get(k);
                rows.add(new ExportPlanRow(child(path, "1-%03d".formatted(k + 1)), path, "INDICATOR", x.code(),
                        chapterCode, item.code(), null, x.nameJa(), x.nameEn(), x.department(), x.status().name(), null,
                        null, null, x.actual(), x.target(), x.achievementRate(), x.grade(), null, null, null, null,
                        null, null, null, tree.asOf(), tree.recordedBy()));
            }
            measures(tree, item.initiatives(), path, "2-", chapterCode, item.code(), rows);
            measures(tree, item.measures(), path, "3-", chapterCode, item.code(), rows);
            items(tree, item.items(), path, chapterCode, rows);
        }
    }

    private static void measures(PlanTree tree, List<PlanTree.Measure> measures, String parentPath, String prefix,
            String chapter, String itemCode, List<ExportPlanRow> rows) {
        for (int j = 0; j < measures.size(); j++) {
            PlanTree.Measure m = measures.get(j);
            String path = child(parentPath, prefix + "%03d".formatted(j + 1));
            PlanTree.Commentary h1 = latest(m, ReviewPeriod.H1);
            PlanTree.Commentary fy = latest(m, ReviewPeriod.FY);
            rows.add(new ExportPlanRow(path, parentPath, m.kind().name(), m.code(), chapter, itemCode, m.marker(),
                    m.textJa(), m.nameEn(), m.department(), m.status() == null ? null : m.status().name(), null, null,
                    null, null, null, null, null, null, h1 == null ? null : h1.done(), h1 == null ? null : h1.problems(),
                    h1 == null ? null : h1.nextSteps(), fy == null ? null : fy.done(), fy == null ? null : fy.problems(),
                    fy == null ? null : fy.nextSteps(), tree.asOf(), tree.recordedBy()));
            for (int k = 0; k < m.milestones().size(); k++) {
                PlanTree.Milestone ms = m.milestones().get(k);
                rows.add(new ExportPlanRow(child(path, "4-%03d".formatted(k + 1)), path, "MILESTONE", ms.code(), chapter,
                        itemCode, null, ms.nameJa(), ms.nameEn(), m.department(), ms.state(), ms.due(), ms.doneOn(),
                        ms.daysOverdue(), null, null, null, null,
                        MilestoneStatusEvent.OVERDUE.equals(ms.state()) ? 1 : 0, null, null, null, null, null, null,
                        tree.asOf(), tree.recordedBy()));
            }
            measures(tree, m.measures(), path, "3-", chapter, itemCode, rows);
        }
    }

    private static PlanTree.Commentary latest(PlanTree.Measure m, ReviewPeriod period) {
        return m.commentary().stream().filter(c -> c.period() == period).findFirst().orElse(null);
    }

    private static String child(String parent, String segment) {
        return parent == null ? segment : parent + "." + segment;
    }
}
