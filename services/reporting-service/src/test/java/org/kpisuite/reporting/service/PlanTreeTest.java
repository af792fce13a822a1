package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.events.MeasureEvent.Status;

/** The tree's rules worked by hand: milestone states as of a day, plan order, roll-ups, and what a comparison finds. */
class PlanTreeTest {

    private static final UUID CHAPTER = UUID.randomUUID();
    private static final UUID SECTION_2 = UUID.randomUUID();
    private static final UUID SECTION_10 = UUID.randomUUID();
    private static final UUID ITEM = UUID.randomUUID();

    private static final List<PlanTree.ItemRow> ITEMS = List.of(
            new PlanTree.ItemRow(SECTION_10, "I.10", CHAPTER, "十", null, 0, false),
            new PlanTree.ItemRow(ITEM, "I.2.(1)", SECTION_2, "項目", null, 1, false),
            new PlanTree.ItemRow(SECTION_2, "I.2", CHAPTER, "二", null, 0, true),
            new PlanTree.ItemRow(CHAPTER, "I", null, "第一章", "Chapter I", 1, false),
            new PlanTree.ItemRow(UUID.randomUUID(), "II", null, "第二章", null, 2, false));

    @Test
    void aMilestoneIsOverdueTheDayAfterItsDueDateUnlessDoneByThenOrDropped() {
        var due = milestone("M1", "2024-08-31", null);
        assertThat(PlanTree.milestoneState(due, Status.ON_TRACK, LocalDate.of(2024, 8, 31))).isEqualTo("OPEN");
        assertThat(PlanTree.milestoneState(due, Status.ON_TRACK, LocalDate.of(2024, 9, 1))).isEqualTo("OVERDUE");
        var done = milestone("M2", "2024-08-31", "2024-09-20");
        assertThat(PlanTree.milestoneState(done, Status.ON_TRACK, LocalDate.of(2024, 9, 19))).isEqualTo("OVERDUE");
        assertThat(PlanTree.milestoneState(done, Status.ON_TRACK, LocalDate.of(2024, 9, 20))).isEqualTo("DONE");
        assertThat(PlanTree.milestoneState(due, Status.DROPPED, LocalDate.of(2024, 9, 30))).isEqualTo("DROPPED");
        assertThat(PlanTree.milestoneState(done, Status.DROPPED, LocalDate.of(2024, 9, 30))).isEqualTo("DONE");
    }

    @Test
    void theTreeKeepsPlanOrderAndRollsUpWhatNeedsAttention() {
        MeasureEvent parent = measure("I.2.(1).1", Kind.MEASURE, null, 1, Status.DELAYED,
                List.of(milestone("I.2.(1).1.M1", "2024-08-31", null), milestone("I.2.(1).1.M2", "2024-08-31", "2024-08-30")));
        MeasureEvent sub = measure("I.2.(1).1.a", Kind.MEASURE, parent.id(), 1, Status.ON_TRACK,
                List.of(milestone("I.2.(1).1.a.M1", "2024-06-30", null)));
        MeasureEvent second = measure("I.2.(1).2", Kind.MEASURE, null, 2, Status.ON_TRACK, List.of());
        MeasureEvent initiative = measure("I.2.IMP1", Kind.INITIATIVE, null, 1, Status.NOT_STARTED, List.of());
        var initiativeOnSection = new MeasureEvent(initiative.id(), "P", 2024, initiative.code(), Kind.INITIATIVE,
                SECTION_2, null, "①", null, "重要な取組", null, "architecture", 1, List.of("I.2.(1)"),
                Status.NOT_STARTED, List.of(), false, 1, "admin", Instant.parse("2024-04-01T00:00:00Z"));
        var notes = List.of(
                new CommentaryEvent(parent.id(), "P", 2024, parent.code(), "digital-talent", CommentaryEvent.ReviewPeriod.FY,
                        1, "年度末", null, null, List.of(), null, "x", Instant.parse("2025-04-10T00:00:00Z")),
                new CommentaryEvent(parent.id(), "P", 2024, parent.code(), "digital-talent", CommentaryEvent.ReviewPeriod.H1,
                        2, "上期", "課題", "次", List.of("https://a.example"), null, "x", Instant.parse("2024-10-10T00:00:00Z")));

        PlanTree tree = PlanTree.build("P", 2024, LocalDate.of(2024, 9, 30), null, ITEMS,
                List.of(second, sub, parent, initiativeOnSection), notes, Map.of("I.2.(1)", List.of()));

        assertThat(tree.items()).extracting(PlanTree.Item::code).containsExactly("I", "II");
        assertThat(tree.items().get(0).items()).extracting(PlanTree.Item::code).containsExactly("I.2", "I.10");
        PlanTree.Item section = tree.items().get(0).items().get(0);
        assertThat(section.importantInitiative()).isTrue();
        assertThat(section.initiatives()).extracting(PlanTree.Measure::code).containsExactly("I.2.IMP1");
        PlanTree.Item item = section.items().get(0);
        assertThat(item.measures()).extracting(PlanTree.Measure::code).containsExactly("I.2.(1).1", "I.2.(1).2");
        PlanTree.Measure first = item.measures().get(0);
        assertThat(first.measures()).extracting(PlanTree.Measure::code).containsExactly("I.2.(1).1.a");
        assertThat(first.milestones()).extracting(PlanTree.Milestone::state).containsExactly("OVERDUE", "DONE");
        assertThat(first.milestones().get(0).daysOverdue()).isEqualTo(30);
        assertThat(first.measures().get(0).milestones().get(0).daysOverdue()).isEqualTo(92);
        assertThat(first.commentary()).extracting(PlanTree.Commentary::period)
                .containsExactly(CommentaryEvent.ReviewPeriod.H1, CommentaryEvent.ReviewPeriod.FY);

        // 2 overdue (one of the sub-measure), 1 delayed: on the item, its section and its chapter; nothing on II.
        assertThat(item.attention()).isEqualTo(new PlanTree.Attention(2, 1, 0));
        assertThat(tree.items().get(0).attention()).isEqualTo(new PlanTree.Attention(2, 1, 0));
        assertThat(tree.items().get(1).attention().total()).isZero();
        assertThat(tree.summary().measures()).isEqualTo(3);
        assertThat(tree.summary().initiatives()).isEqualTo(1);
        assertThat(tree.summary().milestones()).isEqualTo(3);
        assertThat(tree.summary().overdueMilestones()).isEqualTo(2);
        assertThat(tree.summary().doneMilestones()).isEqualTo(1);
        assertThat(tree.summary().statuses()).containsExactly(Map.entry("NOT_STARTED", 1), Map.entry("ON_TRACK", 2),
                Map.entry("DELAYED", 1));
    }

    @Test
    void codesWithoutASortOrderFollowThePlansNumbering() {
        List<String> codes = new ArrayList<>(List.of("X", "IX", "I.10", "IV", "I.2.(2-1)", "I.2", "I.2.(1)", "II", "I"));
        codes.sort(PlanTree.CODE_ORDER);
        assertThat(codes).containsExactly("I", "I.2", "I.2.(1)", "I.2.(2-1)", "I.10", "II", "IV", "IX", "X");
    }

    @Test
    void aComparisonFindsStatusChangesSlippedMilestonesAndMovedIndicators() {
        MeasureEvent early = measure("I.2.(1).1", Kind.MEASURE, null, 1, Status.ON_TRACK,
                List.of(milestone("A.M1", "2024-08-31", null), milestone("A.M2", "2024-12-31", null),
                        milestone("A.M3", "2025-03-31", null)));
        MeasureEvent late = new MeasureEvent(early.id(), "P", 2024, early.code(), Kind.MEASURE, ITEM, null, "①", null,
                early.textJa(), null, "digital-talent", 1, List.of(), Status.DELAYED,
                List.of(milestone("A.M1", "2024-08-31", "2024-09-10"), milestone("A.M2", "2025-02-28", null),
                        milestone("A.M3", "2025-03-31", null)), false, 2, "x", Instant.parse("2024-11-01T00:00:00Z"));
        MeasureEvent unchanged = measure("I.2.(1).2", Kind.MEASURE, null, 2, Status.ON_TRACK, List.of());
        MeasureEvent added = measure("I.2.(1).3", Kind.MEASURE, null, 3, Status.NOT_STARTED, List.of());

        PlanTree h1 = PlanTree.build("P", 2024, LocalDate.of(2024, 9, 30), null, ITEMS, List.of(early, unchanged),
                List.of(), Map.of());
        PlanTree q3 = PlanTree.build("P", 2024, LocalDate.of(2025, 1, 15), null, ITEMS, List.of(late, unchanged, added),
                List.of(), Map.of());
        ReviewComparison diff = ReviewComparison.compare(null, null, h1, q3);

        assertThat(diff.statusChanges()).extracting(c -> c.code() + " " + c.from() + "→" + c.to())
                .containsExactly("I.2.(1).1 ON_TRACK→DELAYED", "I.2.(1).3 null→NOT_STARTED");
        // M1: overdue at H1, done since: not slipped. M2: postponed and overdue by 2025-01-15? no, now due 02-28.
        assertThat(diff.slippedMilestones()).extracting(s -> s.code() + " " + s.reasons())
                .containsExactly("A.M2 [DUE_POSTPONED]");
        assertThat(diff.indicatorChanges()).isEmpty();
    }

    @Test
    void anIndicatorThatMovedIsListed() {
        var indicator = new IndicatorEvent("web-article-count", "記事掲載件数", "Articles", "articles", "public-relations",
                ITEM, false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("2500"))),
                false, 1, Instant.now());
        var before = progress(indicator, "1000", ProgressStatus.AT_RISK);
        var after = progress(indicator, "2600", ProgressStatus.ACHIEVED);
        PlanTree a = PlanTree.build("P", 2024, LocalDate.of(2024, 9, 30), null, ITEMS, List.of(), List.of(),
                Map.of("I.2.(1)", List.of(before)));
        PlanTree b = PlanTree.build("P", 2024, LocalDate.of(2025, 3, 31), null, ITEMS, List.of(), List.of(),
                Map.of("I.2.(1)", List.of(after)));
        assertThat(a.items().get(0).attention().offTrackIndicators()).isEqualTo(1);
        assertThat(ReviewComparison.compare(null, null, a, b).indicatorChanges()).singleElement()
                .satisfies(c -> {
                    assertThat(c.statusBefore()).isEqualTo(ProgressStatus.AT_RISK);
                    assertThat(c.statusAfter()).isEqualTo(ProgressStatus.ACHIEVED);
                    assertThat(c.actualAfter()).isEqualByComparingTo("2600");
                });
        assertThat(ReviewComparison.compare(null, null, a, a).indicatorChanges()).isEmpty();
    }

    private static ProgressService.IndicatorProgress progress(IndicatorEvent indicator, String actual,
            ProgressStatus status) {
        BigDecimal value = new BigDecimal(actual);
        return new ProgressService.IndicatorProgress(indicator, indicator.targetFor(2024), 2024, LocalDate.of(2024, 9, 30),
                new Progress(value, value.divide(new BigDecimal("2500")), null, null, status, null, 6, null, null,
                        List.of(), Progress.Pace.LINEAR), PlanPlaces.Place.UNKNOWN);
    }

    private static MeasureEvent.Milestone milestone(String code, String due, String done) {
        return new MeasureEvent.Milestone(UUID.nameUUIDFromBytes(code.getBytes()), code, code + " の成果物", null,
                LocalDate.parse(due), null, done == null ? null : LocalDate.parse(done));
    }

    private static MeasureEvent measure(String code, Kind kind, UUID parent, int order, Status status,
            List<MeasureEvent.Milestone> milestones) {
        return new MeasureEvent(UUID.nameUUIDFromBytes(code.getBytes()), "P", 2024, code, kind, ITEM, parent, "①", null,
                code + " の本文", null, "digital-talent", order, List.of(), status, milestones, false, 1, "admin",
                Instant.parse("2024-04-01T00:00:00Z"));
    }
}
