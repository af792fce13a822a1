package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.kpisuite.events.EvaluationEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.Period;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.Outbox;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.PlanItemView;
import org.kpisuite.problem.TextRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The annual self-evaluation: evaluators record an item's grade (S–D) against the grade proposed from its indicators
 * as of today, the planning office records the minister's grade later, and the report of a fiscal year as of a date
 * puts it all together from what was recorded by the end of that date, so the same date gives the same report.
 */
@ApplicationScoped
public class EvaluationService {

    static final String SELF = EvaluationEvent.SELF;
    static final String MINISTER = EvaluationEvent.MINISTER;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    PlanTreeService trees;

    @Inject
    IndicatorDefinitions definitions;

    @Inject
    ReadModelState state;

    @Inject
    ReportingConfig config;

    /** A recorded version, and whether this request made it (false: the same was in force already). */
    public record Recorded(EvaluationEvent evaluation, boolean created) {
    }

    @Transactional
    public Recorded recordSelf(int fiscalYear, String planCode, String itemCode, SelfEvaluationRequest request,
            boolean official, String by) {
        if (state.rebuildingForShare()) {
            throw new ProblemException(409, "rebuild-running", "A rebuild is running", "the proposal a grade is "
                    + "checked against is recalculated by the rebuild: record the grade once GET /api/v1/admin/rebuild "
                    + "says it has finished", List.of());
        }
        String plan = plan(fiscalYear, planCode);
        LocalDate today = trees.today();
        // The proposal on the figures the report will rest on: approved values alone, or every value.
        PlanTree tree = official ? trees.snapshot(plan, fiscalYear, today, trees.endOf(today), true)
                : trees.tree(fiscalYear, plan, today);
        EvaluationItems.Evaluated item = item(tree, itemCode);
        String rationale = blankToNull(request.rationale());
        String missing = EvaluationItems.rationaleMissing(request.grade(), item.proposedGrade(), rationale);
        if (missing != null) {
            throw ProblemException.invalidField("rationale", missing);
        }
        lock(plan, fiscalYear, itemCode);
        EvaluationEvent current = latest(plan, fiscalYear, itemCode);
        if (current != null && request.grade().equals(current.selfGrade()) && Objects.equals(rationale, current.rationale())
                && Objects.equals(item.proposedGrade(), current.proposedGrade()) && Boolean.valueOf(official).equals(current.officialFigures())) {
            return new Recorded(current, false);
        }
        EvaluationEvent next = new EvaluationEvent(plan, fiscalYear, itemCode, current == null ? 1 : current.version() + 1,
                request.grade(), rationale, item.proposedGrade(), official, current == null ? null : current.ministerGrade(),
                current == null ? null : current.ministerComment(), now(), by, SELF);
        insert(next);
        return new Recorded(next, true);
    }

    @Transactional
    public Recorded recordMinister(int fiscalYear, String planCode, String itemCode, MinisterEvaluationRequest request,
            String by) {
        String plan = plan(fiscalYear, planCode);
        lock(plan, fiscalYear, itemCode);
        EvaluationEvent current = latest(plan, fiscalYear, itemCode);
        if (current == null || current.selfGrade() == null) {
            throw ProblemException.conflict("itemCode", "item " + itemCode + " of " + plan + " has no self-evaluation "
                    + "for FY" + fiscalYear + " yet: the minister grades what the agency filed");
        }
        String comment = blankToNull(request.comment());
        if (request.grade().equals(current.ministerGrade()) && Objects.equals(comment, current.ministerComment())) {
            return new Recorded(current, false);
        }
        EvaluationEvent next = new EvaluationEvent(plan, fiscalYear, itemCode, current.version() + 1,
                current.selfGrade(), current.rationale(), current.proposedGrade(), current.officialFigures(),
                request.grade(), comment, now(), by, MINISTER);
        insert(next);
        return new Recorded(next, true);
    }

    /** Every version of an item's evaluation, oldest first. */
    public List<EvaluationEvent> versions(int fiscalYear, String planCode, String itemCode) {
        String plan = plan(fiscalYear, planCode);
        List<EvaluationEvent> versions = Jdbc.work(entityManager, connection -> {
            List<EvaluationEvent> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select state::text from item_evaluation where plan_code = ? and fiscal_year = ? and item_code = ?
                    order by version""")) {
                select.setString(1, plan);
                select.setInt(2, fiscalYear);
                select.setString(3, itemCode);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        list.add(InboundEvent.read(mapper, rs.getString(1), EvaluationEvent.class));
                    }
                }
            }
            return list;
        });
        if (versions.isEmpty()) {
            throw ProblemException.notFound("evaluation of item", itemCode);
        }
        return versions;
    }

    /**
     * The report of the fiscal year as of the date: everything recorded by the end of that day (Japan time), so taking
     * it again with the same past date gives the same report.
     */
    public EvaluationReport report(int fiscalYear, String planCode, LocalDate asOf, EvaluationReport.Language language,
            boolean official) {
        if (asOf.isAfter(trees.today())) {
            throw ProblemException.invalidField("asOf", "a report looks back: must not be after today ("
                    + trees.today() + "), not " + asOf);
        }
        String plan = plan(fiscalYear, planCode);
        Instant recordedBy = trees.endOf(asOf);
        PlanTree tree = trees.snapshot(plan, fiscalYear, asOf, recordedBy, official);
        Map<String, Map<String, EvaluationEvent>> recorded = recordedBy(plan, fiscalYear, recordedBy);
        List<EvaluationReport.Item> items = new ArrayList<>();
        Map<String, Integer> gradeCounts = new TreeMap<>();
        List<String> codes = new ArrayList<>();
        for (EvaluationItems.Evaluated e : EvaluationItems.of(tree, config.evaluation().sectionedChapters())) {
            Map<String, EvaluationEvent> parts = recorded.getOrDefault(e.item().code(), Map.of());
            EvaluationEvent self = parts.get(SELF);
            EvaluationEvent minister = parts.get(MINISTER);
            items.add(new EvaluationReport.Item(e.item().code(), e.item().nameJa(), e.item().nameEn(), e.proposedGrade(),
                    e.meanAchievement(),
                    self == null ? null : new EvaluationReport.SelfEvaluation(self.selfGrade(), self.rationale(),
                            self.proposedGrade(), self.version(), self.recordedAt(), self.recordedBy()),
                    minister == null ? null : new EvaluationReport.MinisterEvaluation(minister.ministerGrade(),
                            minister.ministerComment(), minister.version(), minister.recordedAt(), minister.recordedBy()),
                    e.indicators().stream().map(EvaluationService::indicator).toList(), statuses(e.measures()),
                    e.measures().stream().map(EvaluationService::measure).toList()));
            gradeCounts.merge(self == null ? "NONE" : self.selfGrade(), 1, Integer::sum);
            e.indicators().forEach(i -> codes.add(i.code()));
        }
        // Reporting keeps the plan's items, not its title: the title is said from its agency and year.
        PlanItemView any = PlanItemView.find("planCode = ?1 and agency is not null", plan).firstResult();
        String agency = any == null ? plan : any.agency;
        return new EvaluationReport(plan, agency + " " + japaneseYear(fiscalYear) + "年度計画",
                agency + " annual plan for FY" + fiscalYear, fiscalYear, asOf, recordedBy, language, official, gradeCounts,
                items, revisions(codes, fiscalYear, asOf, recordedBy, official));
    }

    /** 令和６ for 2024: the era years the plan prints. */
    static String japaneseYear(int fiscalYear) {
        return fiscalYear >= 2019 ? "令和" + (fiscalYear - 2018) : "平成" + (fiscalYear - 1988);
    }

    private EvaluationItems.Evaluated item(PlanTree tree, String itemCode) {
        List<EvaluationItems.Evaluated> items = EvaluationItems.of(tree, config.evaluation().sectionedChapters());
        return items.stream().filter(e -> e.item().code().equals(itemCode)).findFirst()
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not an evaluation item",
                        "item " + itemCode + " is not an evaluation item of " + tree.planCode() + "; they are: "
                                + String.join(", ", items.stream().map(e -> e.item().code()).toList()), List.of()));
    }

    private static EvaluationReport.Indicator indicator(PlanTree.Indicator i) {
        return new EvaluationReport.Indicator(i.code(), i.nameJa(), i.nameEn(), i.unit(), i.coreTarget(), i.referenceOnly(),
                i.target(), i.actual(), i.achievementRate(), i.grade(), i.monthsReported());
    }

    private static EvaluationReport.Measure measure(PlanTree.Measure m) {
        PlanTree.Commentary latest = m.commentary().stream().reduce((a, b) -> b).orElse(null);
        return new EvaluationReport.Measure(m.code(), m.kind() == null ? null : m.kind().name(), m.marker(), m.titleJa(),
                m.textJa(), m.nameEn(), m.status() == null ? null : m.status().name(),
                latest == null ? null : latest.period().name(), latest == null ? null : latest.done(),
                latest == null ? null : latest.problems(), latest == null ? null : latest.nextSteps());
    }

    private static Map<String, Integer> statuses(List<PlanTree.Measure> measures) {
        Map<String, Integer> counts = new TreeMap<>();
        measures.forEach(m -> counts.merge(m.status() == null ? "UNKNOWN" : m.status().name(), 1, Integer::sum));
        return counts;
    }

    /** The latest SELF and MINISTER versions of each item recorded by the instant. */
    private Map<String, Map<String, EvaluationEvent>> recordedBy(String plan, int fiscalYear, Instant recordedBy) {
        return Jdbc.work(entityManager, connection -> {
            Map<String, Map<String, EvaluationEvent>> byItem = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select distinct on (item_code, part) item_code, part, state::text from item_evaluation
                    where plan_code = ? and fiscal_year = ? and recorded_at <= ?
                    order by item_code, part, version desc""")) {
                select.setString(1, plan);
                select.setInt(2, fiscalYear);
                select.setTimestamp(3, Timestamp.from(recordedBy));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byItem.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), InboundEvent.read(mapper, rs.getString(3), EvaluationEvent.class));
                    }
                }
            }
            return byItem;
        });
    }

    /**
     * The revision behind every value the indicators' figures read: each indicator's years from the one before the first
     * its target needs, periods begun by the asOf month, as recorded by the instant, with its review state then; the revision in
     * force, or for official figures the latest approved one (what the progress read).
     */
    private List<EvaluationReport.Revision> revisions(List<String> codes, int fiscalYear, LocalDate asOf, Instant recordedBy,
            boolean official) {
        if (codes.isEmpty()) {
            return List.of();
        }
        int firstYear = definitions.of(codes).stream().mapToInt(i -> firstYear(i, fiscalYear)).min().orElse(fiscalYear);
        YearMonth lastMonth = YearMonth.from(asOf);
        return Jdbc.work(entityManager, connection -> {
            List<EvaluationReport.Revision> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select distinct on (r.indicator_code, r.component, r.breakdown, r.department, r.period)
                           r.indicator_code, r.period, r.component, r.breakdown, r.department, r.revision, r.value,
                           r.recorded_at, coalesce(r.decision, 'PROVISIONAL')
                    from (select m.*, approval_before(m.indicator_code, m.component, m.breakdown, m.department,
                                                      m.period, m.revision, ?) as decision
                          from measurement_revision m) r
                    where r.indicator_code = any(?) and r.fiscal_year between ? and ? and r.recorded_at <= ?
                      and (not ? or r.decision = 'APPROVED')
                    order by r.indicator_code, r.component, r.breakdown, r.department, r.period, r.revision desc""")) {
                select.setTimestamp(1, Timestamp.from(recordedBy.plus(1, ChronoUnit.MICROS)));
                select.setArray(2, Jdbc.strings(connection, codes));
                select.setInt(3, firstYear);
                select.setInt(4, fiscalYear);
                select.setTimestamp(5, Timestamp.from(recordedBy));
                select.setBoolean(6, official);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String period = rs.getString(2).trim();
                        Period parsed = Period.parse(period).orElse(null);
                        if (parsed == null || parsed.firstMonth().isAfter(lastMonth)) {
                            continue;
                        }
                        list.add(new EvaluationReport.Revision(rs.getString(1), period, rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7).stripTrailingZeros(),
                                rs.getTimestamp(8).toInstant(), rs.getString(9)));
                    }
                }
            }
            return list;
        });
    }

    /** As the calculation reads: the year before the first the target needs (year-on-year, last year's pace). */
    private static int firstYear(IndicatorEvent indicator, int fiscalYear) {
        IndicatorEvent.Target target = indicator.targetFor(fiscalYear);
        return (target == null ? fiscalYear : target.firstYearNeeded()) - 1;
    }

    private EvaluationEvent latest(String plan, int fiscalYear, String itemCode) {
        return Jdbc.work(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select state::text from item_evaluation where plan_code = ? and fiscal_year = ? and item_code = ?
                    order by version desc limit 1""")) {
                select.setString(1, plan);
                select.setInt(2, fiscalYear);
                select.setString(3, itemCode);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? InboundEvent.read(mapper, rs.getString(1), EvaluationEvent.class) : null;
                }
            }
        });
    }

    /** Two recorders of one item take turns, so each gets its own version. */
    private void lock(String plan, int fiscalYear, String itemCode) {
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l")
                .setParameter("key", "evaluation/" + plan + "/" + fiscalYear + "/" + itemCode).getSingleResult();
    }

    /**
     * The plan of the fiscal year: the one named, which must be a plan of that year where its items say their year
     * ({@link PlanTreeService#planOf}), else the year's plan with the most measures.
     */
    private String plan(int fiscalYear, String planCode) {
        return trees.planOf(fiscalYear, planCode);
    }

    /**
     * A version read back from kpi.evaluations.v1 (the rebuild replays it): kept once, so a reporting database
     * restored from an older backup gets the versions recorded since.
     */
    public void restore(EvaluationEvent evaluation) {
        if (evaluation.planCode() == null || evaluation.itemCode() == null || evaluation.version() < 1
                || evaluation.recordedAt() == null || !List.of(SELF, MINISTER).contains(evaluation.part())) {
            throw new org.kpisuite.messaging.UnreadableEventException("evaluation " + evaluation.planCode() + "/"
                    + evaluation.itemCode() + " lacks its plan, item, version, time or part", null);
        }
        write(evaluation);
    }

    private void insert(EvaluationEvent evaluation) {
        write(evaluation);
        outbox.record(Topics.EVALUATIONS, EvaluationEvent.AGGREGATE_TYPE, evaluation.key(), EvaluationEvent.TYPE_RECORDED,
                evaluation);
    }

    private void write(EvaluationEvent evaluation) {
        String json;
        try {
            json = mapper.writeValueAsString(evaluation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into item_evaluation (plan_code, fiscal_year, item_code, version, part, state, recorded_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing""")) {
                insert.setString(1, evaluation.planCode());
                insert.setInt(2, evaluation.fiscalYear());
                insert.setString(3, evaluation.itemCode());
                insert.setLong(4, evaluation.version());
                insert.setString(5, evaluation.part());
                insert.setString(6, json);
                insert.setTimestamp(7, Timestamp.from(evaluation.recordedAt()));
                return insert.executeUpdate();
            }
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String text) {
        return TextRules.blank(text) ? null : text.strip();
    }
}
