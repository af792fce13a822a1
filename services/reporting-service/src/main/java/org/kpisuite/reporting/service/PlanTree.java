package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.CommentaryEvent.ReviewPeriod;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.MilestoneStatusEvent;

/**
 * A plan's tree as of a date: its items (chapters, sections, items) in plan order, and on each item its indicators
 * with their progress, its important initiatives, and its measures with their sub-measures, milestones and latest
 * commentary per review period. Built by {@link #build} from what the read model recorded by {@code recordedBy}
 * (null: everything recorded so far); a review stores it as taken.
 *
 * @param recordedBy what was recorded by this instant is in the tree; null for today's tree (everything)
 */
@Schema(name = "PlanTree", description = "A plan's tree as of a date: items, indicators, initiatives, measures, "
        + "milestones and the latest commentary of each review period")
public record PlanTree(
        @Schema(example = "IPA-FY2024") String planCode,
        @Schema(example = "2024") int fiscalYear,
        @Schema(description = "The date the tree describes: progress, and which milestones are overdue, as of it",
                example = "2024-09-30") LocalDate asOf,
        @Schema(nullable = true, description = "What was recorded by this instant is in the tree; null: everything "
                + "recorded so far (today's tree)", example = "2024-10-31T09:00:00Z") Instant recordedBy,
        Summary summary,
        @Schema(description = "The chapters in plan order, each with its items below it") List<Item> items) {

    /** The counts a manager looks at first. */
    @Schema(name = "PlanTreeSummary")
    public record Summary(
            @Schema(example = "182") int measures,
            @Schema(example = "9") int initiatives,
            @Schema(description = "Measures and initiatives per status", example = "{\"NOT_STARTED\":3,\"ON_TRACK\":170}")
            Map<String, Integer> statuses,
            @Schema(example = "24") int milestones,
            @Schema(example = "2") int overdueMilestones,
            @Schema(example = "11") int doneMilestones,
            @Schema(example = "17") int indicators,
            @Schema(description = "Indicators per progress status", example = "{\"ON_TRACK\":10,\"OFF_TRACK\":2}")
            Map<String, Integer> indicatorStatuses) {
    }

    /** What needs attention in an item and everything below it: what the dashboard puts first. */
    @Schema(name = "PlanTreeAttention")
    public record Attention(
            @Schema(description = "Milestones past due and not done as of asOf", example = "1") int overdueMilestones,
            @Schema(description = "Measures and initiatives DELAYED", example = "2") int delayedMeasures,
            @Schema(description = "Indicators OFF_TRACK or AT_RISK", example = "1") int offTrackIndicators) {

        static final Attention NONE = new Attention(0, 0, 0);

        Attention plus(Attention other) {
            return new Attention(overdueMilestones + other.overdueMilestones, delayedMeasures + other.delayedMeasures,
                    offTrackIndicators + other.offTrackIndicators);
        }

        public int total() {
            return overdueMilestones + delayedMeasures + offTrackIndicators;
        }
    }

    @Schema(name = "PlanTreeItem", description = "A chapter, section or item of the plan")
    public record Item(
            @Schema(example = "I.2.(3-1)") String code,
            @Schema(example = "情報処理技術者試験及び情報処理安全確保支援士試験の実施等") String nameJa,
            @Schema(nullable = true) String nameEn,
            @Schema(description = "Heads a 【令和６年度における重要な取組】 block") boolean importantInitiative,
            @Schema(description = "Rolled up over the item and everything below it") Attention attention,
            List<Indicator> indicators,
            List<Measure> initiatives,
            List<Measure> measures,
            List<Item> items) {
    }

    @Schema(name = "PlanTreeIndicator", description = "An indicator of the item with its progress as of asOf")
    public record Indicator(
            @Schema(example = "manabi-dx-accesses") String code,
            String nameJa,
            @Schema(nullable = true) String nameEn,
            @Schema(example = "digital-talent") String department,
            @Schema(nullable = true, example = "accesses") String unit,
            boolean coreTarget,
            boolean referenceOnly,
            @Schema(example = "ON_TRACK") ProgressStatus status,
            @Schema(nullable = true) BigDecimal actual,
            @Schema(nullable = true) BigDecimal target,
            @Schema(nullable = true) BigDecimal achievementRate,
            @Schema(nullable = true) BigDecimal forecast,
            @Schema(nullable = true, example = "B") String grade,
            int monthsReported) {

        static Indicator of(ProgressService.IndicatorProgress p) {
            return new Indicator(p.indicator().code(), p.indicator().nameJa(), p.indicator().nameEn(),
                    p.indicator().department(), p.indicator().unit(), p.indicator().coreTarget(),
                    p.indicator().referenceOnly(), p.progress().status(), p.progress().actual(),
                    p.target() == null ? null : p.target().value(), p.progress().achievementRate(),
                    p.progress().forecast(), p.progress().grade(), p.progress().monthsReported());
        }
    }

    @Schema(name = "PlanTreeMeasure", description = "A measure or initiative as recorded by then")
    public record Measure(
            UUID id,
            @Schema(example = "I.2.(3-1).1") String code,
            @Schema(example = "MEASURE") MeasureEvent.Kind kind,
            @Schema(nullable = true, example = "①") String marker,
            @Schema(nullable = true) String titleJa,
            String textJa,
            @Schema(nullable = true) String nameEn,
            @Schema(example = "digital-talent") String department,
            @Schema(nullable = true, example = "ON_TRACK",
                    description = "null: a status a newer plan-service defines") MeasureEvent.Status status,
            List<String> concerns,
            long version,
            Instant changedAt,
            String changedBy,
            List<Milestone> milestones,
            @Schema(description = "The latest revision of each review period recorded by then") List<Commentary> commentary,
            @Schema(description = "Lettered sub-measures") List<Measure> measures) {
    }

    @Schema(name = "PlanTreeMilestone")
    public record Milestone(
            UUID id,
            @Schema(example = "I.2.(3-1).1.M1") String code,
            String nameJa,
            @Schema(nullable = true) String nameEn,
            @Schema(example = "2024-08-31") LocalDate due,
            @Schema(nullable = true) String dueBasis,
            @Schema(nullable = true, description = "Done on this day, if by asOf", example = "2024-09-02") LocalDate doneOn,
            @Schema(description = "OPEN, OVERDUE (past due and not done as of asOf), DONE or DROPPED (its measure was)",
                    example = "OVERDUE") String state,
            @Schema(nullable = true, description = "Days past due as of asOf, when OVERDUE", example = "30") Integer daysOverdue) {
    }

    @Schema(name = "PlanTreeCommentary")
    public record Commentary(
            @Schema(example = "H1") ReviewPeriod period,
            @Schema(example = "2") int revision,
            @Schema(nullable = true) String done,
            @Schema(nullable = true) String problems,
            @Schema(nullable = true) String nextSteps,
            List<String> evidence,
            String recordedBy,
            Instant recordedAt) {

        static Commentary of(CommentaryEvent c) {
            return new Commentary(c.period(), c.revision(), c.done(), c.problems(), c.nextSteps(), c.evidence(),
                    c.recordedBy(), c.recordedAt());
        }
    }

    /** A plan item as the read model holds it. */
    public record ItemRow(UUID id, String code, UUID parentId, String nameJa, String nameEn, int sortOrder,
            boolean importantInitiative) {
    }

    // --------------------------------------------------------------------------------------------- rules

    /**
     * A milestone's state as of a day: DONE once done by then, DROPPED with its measure, OVERDUE when the day is past
     * its due date, OPEN otherwise. A milestone done after the day was still open (or overdue) on it.
     */
    public static String milestoneState(MeasureEvent.Milestone m, MeasureEvent.Status measureStatus, LocalDate asOf) {
        if (m.doneOn() != null && !m.doneOn().isAfter(asOf)) {
            return MilestoneStatusEvent.DONE;
        }
        if (measureStatus == MeasureEvent.Status.DROPPED) {
            return MilestoneStatusEvent.DROPPED;
        }
        return asOf.isAfter(m.due()) ? MilestoneStatusEvent.OVERDUE : MilestoneStatusEvent.OPEN;
    }

    /** Plan order of item codes where no sort order is known: chapters by their Roman numeral, then numbers. */
    static final Comparator<String> CODE_ORDER = PlanTree::compareCodes;

    /**
     * Builds the tree of one plan. Items come in plan order (sortOrder, then the codes' natural order); initiatives
     * and measures by their order; indicators are placed on the item of this plan with the code of their own item
     * (an indicator that continues into a later plan points to that plan's item of the same code).
     */
    public static PlanTree build(String planCode, int fiscalYear, LocalDate asOf, Instant recordedBy, List<ItemRow> items,
            List<MeasureEvent> measures, List<CommentaryEvent> commentary,
            Map<String, List<ProgressService.IndicatorProgress>> indicatorsByItemCode) {
        Map<UUID, List<ItemRow>> children = new HashMap<>();
        for (ItemRow item : items) {
            children.computeIfAbsent(item.parentId(), k -> new ArrayList<>()).add(item);
        }
        Map<UUID, List<MeasureEvent>> byItem = new HashMap<>();
        Map<UUID, List<MeasureEvent>> byParent = new HashMap<>();
        for (MeasureEvent m : measures) {
            (m.parentId() == null ? byItem.computeIfAbsent(m.planItemId(), k -> new ArrayList<>())
                    : byParent.computeIfAbsent(m.parentId(), k -> new ArrayList<>())).add(m);
        }
        Map<UUID, List<Commentary>> notes = new HashMap<>();
        commentary.stream()
                .sorted(Comparator.comparing((CommentaryEvent c) -> c.period().ordinal()))
                .forEach(c -> notes.computeIfAbsent(c.measureId(), k -> new ArrayList<>()).add(Commentary.of(c)));
        Context context = new Context(asOf, byItem, byParent, notes, indicatorsByItemCode);
        List<Item> roots = items(null, children, context);
        return new PlanTree(planCode, fiscalYear, asOf, recordedBy, context.summary(), roots);
    }

    private record Context(LocalDate asOf, Map<UUID, List<MeasureEvent>> byItem, Map<UUID, List<MeasureEvent>> byParent,
            Map<UUID, List<Commentary>> notes, Map<String, List<ProgressService.IndicatorProgress>> indicators,
            Map<String, Integer> statuses, Map<String, Integer> indicatorStatuses, int[] counts) {

        Context(LocalDate asOf, Map<UUID, List<MeasureEvent>> byItem, Map<UUID, List<MeasureEvent>> byParent,
                Map<UUID, List<Commentary>> notes, Map<String, List<ProgressService.IndicatorProgress>> indicators) {
            this(asOf, byItem, byParent, notes, indicators, counter(MeasureEvent.Status.values()),
                    counter(ProgressStatus.values()), new int[5]);
        }

        private static Map<String, Integer> counter(Enum<?>[] values) {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (Enum<?> value : values) {
                map.put(value.name(), 0);
            }
            return map;
        }

        Summary summary() {
            Map<String, Integer> s = new LinkedHashMap<>(statuses);
            s.values().removeIf(n -> n == 0);
            Map<String, Integer> i = new LinkedHashMap<>(indicatorStatuses);
            i.values().removeIf(n -> n == 0);
            return new Summary(counts[0], counts[1], s, counts[2], counts[3], counts[4],
                    i.values().stream().mapToInt(Integer::intValue).sum(), i);
        }
    }

    private static List<Item> items(UUID parentId, Map<UUID, List<ItemRow>> children, Context context) {
        List<ItemRow> rows = new ArrayList<>(children.getOrDefault(parentId, List.of()));
        rows.sort(Comparator.comparingInt(ItemRow::sortOrder).thenComparing(ItemRow::code, CODE_ORDER));
        List<Item> result = new ArrayList<>(rows.size());
        for (ItemRow row : rows) {
            List<Item> below = items(row.id(), children, context);
            Attention attention = Attention.NONE;
            List<Indicator> indicators = new ArrayList<>();
            for (ProgressService.IndicatorProgress p : context.indicators().getOrDefault(row.code(), List.of())) {
                Indicator indicator = Indicator.of(p);
                indicators.add(indicator);
                context.indicatorStatuses().merge(indicator.status().name(), 1, Integer::sum);
                if (indicator.status() == ProgressStatus.OFF_TRACK || indicator.status() == ProgressStatus.AT_RISK) {
                    attention = attention.plus(new Attention(0, 0, 1));
                }
            }
            List<MeasureEvent> own = context.byItem().getOrDefault(row.id(), List.of());
            List<Measure> initiatives = new ArrayList<>();
            List<Measure> measures = new ArrayList<>();
            for (MeasureEvent m : sorted(own)) {
                Measure measure = measure(m, context);
                attention = attention.plus(attention(measure));
                (m.kind() == MeasureEvent.Kind.INITIATIVE ? initiatives : measures).add(measure);
            }
            for (Item child : below) {
                attention = attention.plus(child.attention());
            }
            result.add(new Item(row.code(), row.nameJa(), row.nameEn(), row.importantInitiative(), attention,
                    indicators, initiatives, measures, below));
        }
        return result;
    }

    private static List<MeasureEvent> sorted(List<MeasureEvent> measures) {
        List<MeasureEvent> sorted = new ArrayList<>(measures);
        sorted.sort(Comparator.comparingInt(MeasureEvent::sortOrder).thenComparing(MeasureEvent::code, CODE_ORDER));
        return sorted;
    }

    private static Measure measure(MeasureEvent m, Context context) {
        context.counts()[m.kind() == MeasureEvent.Kind.INITIATIVE ? 1 : 0]++;
        context.statuses().merge(m.status() == null ? "UNKNOWN" : m.status().name(), 1, Integer::sum);
        List<Milestone> milestones = new ArrayList<>();
        for (MeasureEvent.Milestone ms : m.milestones()) {
            String state = milestoneState(ms, m.status(), context.asOf());
            boolean done = MilestoneStatusEvent.DONE.equals(state);
            boolean overdue = MilestoneStatusEvent.OVERDUE.equals(state);
            context.counts()[2]++;
            context.counts()[3] += overdue ? 1 : 0;
            context.counts()[4] += done ? 1 : 0;
            milestones.add(new Milestone(ms.id(), ms.code(), ms.nameJa(), ms.nameEn(), ms.due(), ms.dueBasis(),
                    done ? ms.doneOn() : null, state,
                    overdue ? (int) ChronoUnit.DAYS.between(ms.due(), context.asOf()) : null));
        }
        List<Measure> subMeasures = sorted(context.byParent().getOrDefault(m.id(), List.of())).stream()
                .map(sub -> measure(sub, context)).toList();
        return new Measure(m.id(), m.code(), m.kind(), m.marker(), m.titleJa(), m.textJa(), m.nameEn(), m.department(),
                m.status(), m.concerns(), m.version(), m.changedAt(), m.changedBy(), milestones,
                context.notes().getOrDefault(m.id(), List.of()), subMeasures);
    }

    private static Attention attention(Measure m) {
        Attention own = new Attention(
                (int) m.milestones().stream().filter(ms -> MilestoneStatusEvent.OVERDUE.equals(ms.state())).count(),
                m.status() == MeasureEvent.Status.DELAYED ? 1 : 0, 0);
        for (Measure sub : m.measures()) {
            own = own.plus(attention(sub));
        }
        return own;
    }

    // ------------------------------------------------------------------------------------------ ordering

    private static final List<String> ROMAN = List.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
            "XI", "XII", "XIII", "XIV", "XV");

    /** Segment by segment ('.'-separated): Roman numerals by value, numbers by value, anything else as text. */
    static int compareCodes(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegment(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareSegment(String a, String b) {
        int ra = ROMAN.indexOf(a);
        int rb = ROMAN.indexOf(b);
        if (ra >= 0 && rb >= 0) {
            return Integer.compare(ra, rb);
        }
        String na = a.replaceAll("\\D", "");
        String nb = b.replaceAll("\\D", "");
        if (!na.isEmpty() && !nb.isEmpty() && na.length() < 10 && nb.length() < 10) {
            int c = Integer.compare(Integer.parseInt(na), Integer.parseInt(nb));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }
}
