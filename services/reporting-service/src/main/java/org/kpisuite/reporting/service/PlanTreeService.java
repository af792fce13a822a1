package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.PlanItemView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The plan tree ({@link PlanTree}) from the read model. Today's reads the current states (measure_view) and today's
 * kept progress; a past date's is what was recorded by the end of that day, as {@code GET /progress?asOf} is; a
 * review's is what was recorded by the instant it names. Each is one query per table.
 */
@ApplicationScoped
public class PlanTreeService {

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReportingConfig config;

    @Inject
    ProgressService progress;

    @Inject
    ProgressCalculation calculation;

    @Inject
    IndicatorDefinitions definitions;

    public LocalDate today() {
        return LocalDate.now(config.zone());
    }

    /** The last instant of a day in the agency's calendar (to the microsecond the database keeps). */
    public Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(config.zone()).toInstant().minus(1, ChronoUnit.MICROS);
    }

    /**
     * The plan a tree of the fiscal year is of: the one named (404 when reporting knows nothing of it; 422 naming
     * planCode when its items say it is the plan of another fiscal year), else the plan with the most measures of
     * that year, the agency's annual plan (404 when there is none). Every read or write that takes a planCode and a
     * fiscalYear comes through here, so none mixes one year's plan with another year's indicators.
     */
    public String planOf(int fiscalYear, String planCode) {
        if (planCode != null) {
            long known = PlanItemView.count("planCode = ?1 and removed = false", planCode)
                    + ((Number) entityManager.createNativeQuery("select count(*) from measure_view where plan_code = :p")
                            .setParameter("p", planCode).getSingleResult()).longValue();
            if (known == 0) {
                throw ProblemException.notFound("plan", planCode);
            }
            PlanItemView dated = PlanItemView.find("planCode = ?1 and fiscalYear is not null", planCode).firstResult();
            if (dated != null && dated.fiscalYear != fiscalYear) {
                throw ProblemException.invalidField("planCode", planCode + " is the plan of FY" + dated.fiscalYear
                        + ", not of FY" + fiscalYear);
            }
            return planCode;
        }
        @SuppressWarnings("unchecked")
        List<String> plans = entityManager.createNativeQuery("""
                select plan_code from measure_view where fiscal_year = :year and not removed
                group by plan_code order by count(*) desc, plan_code limit 1""").setParameter("year", fiscalYear)
                .getResultList();
        if (plans.isEmpty()) {
            throw ProblemException.notFound("plan with measures in FY" + fiscalYear, String.valueOf(fiscalYear));
        }
        return plans.get(0);
    }

    /** The tree as of the date, as recorded by its end (today's: everything recorded so far, from what is kept). */
    public PlanTree tree(int fiscalYear, String planCode, LocalDate asOf) {
        String plan = planOf(fiscalYear, planCode);
        if (asOf.equals(today())) {
            return PlanTree.build(plan, fiscalYear, asOf, null, items(plan), currentMeasures(plan),
                    commentary(plan, Instant.now()), placed(plan, progress.progress(fiscalYear, asOf)));
        }
        Instant recordedBy = endOf(asOf);
        return PlanTree.build(plan, fiscalYear, asOf, recordedBy, items(plan), measures(plan, recordedBy),
                commentary(plan, recordedBy), placed(plan, progress.progress(fiscalYear, asOf)));
    }

    /** The tree as of the date as recorded by the instant: what a review takes, and takes again identically. */
    public PlanTree snapshot(String planCode, int fiscalYear, LocalDate asOf, Instant recordedBy) {
        return snapshot(planCode, fiscalYear, asOf, recordedBy, false);
    }

    /** As {@link #snapshot(String, int, LocalDate, Instant)}; officialOnly: the figures of approved values alone. */
    public PlanTree snapshot(String planCode, int fiscalYear, LocalDate asOf, Instant recordedBy, boolean officialOnly) {
        // Only what reporting knew by recordedBy: an indicator or item defined later would change the review.
        List<IndicatorEvent> targets = definitions.withTargetIn(fiscalYear, recordedBy);
        Instant before = recordedBy.plus(1, ChronoUnit.MICROS);
        List<ProgressService.IndicatorProgress> indicators = officialOnly
                ? calculation.calculateOfficial(targets, fiscalYear, asOf, before)
                : calculation.calculate(targets, fiscalYear, asOf, before);
        return PlanTree.build(planCode, fiscalYear, asOf, recordedBy, items(planCode, recordedBy),
                measures(planCode, recordedBy), commentary(planCode, recordedBy), placed(planCode, indicators));
    }

    private List<PlanTree.ItemRow> items(String planCode) {
        return rows(PlanItemView.list("planCode = ?1 and removed = false", planCode));
    }

    /** The items known by the instant (an item's later renames and removal are not kept: it shows as it is now). */
    private List<PlanTree.ItemRow> items(String planCode, Instant knownBy) {
        return rows(PlanItemView.list("planCode = ?1 and removed = false and (firstKnown is null or firstKnown <= ?2)",
                planCode, knownBy));
    }

    private static List<PlanTree.ItemRow> rows(List<PlanItemView> items) {
        return items.stream()
                .map(i -> new PlanTree.ItemRow(i.id, i.code, i.parentId, i.nameJa, i.nameEn, i.sortOrder,
                        i.importantInitiative))
                .toList();
    }

    /**
     * The indicators of this plan's items, by item code; and an indicator that continues in another year's plan of
     * the same agency (its item now in the FY2025 plan, say) on this plan's item of the same code, with its history.
     */
    private Map<String, List<ProgressService.IndicatorProgress>> placed(String planCode,
            List<ProgressService.IndicatorProgress> progress) {
        Map<UUID, PlanItemView> items = new HashMap<>();
        PlanItemView.<PlanItemView>listAll().forEach(i -> items.put(i.id, i));
        PlanItemView own = items.values().stream().filter(i -> i.planCode.equals(planCode) && i.agency != null
                && i.fiscalYear != null).findAny().orElse(null);
        Map<String, List<ProgressService.IndicatorProgress>> byCode = new HashMap<>();
        for (ProgressService.IndicatorProgress p : progress) {
            PlanItemView item = items.get(p.indicator().planItemId());
            boolean here = item != null && (item.planCode.equals(planCode) || own != null
                    && own.agency.equals(item.agency) && item.fiscalYear != null && !own.fiscalYear.equals(item.fiscalYear));
            if (here) {
                byCode.computeIfAbsent(item.code, k -> new ArrayList<>()).add(p);
            }
        }
        return byCode;
    }

    private List<MeasureEvent> currentMeasures(String planCode) {
        return states("select state::text from measure_view where plan_code = ? and not removed", planCode, null,
                MeasureEvent.class);
    }

    private List<MeasureEvent> measures(String planCode, Instant recordedBy) {
        return states("""
                select state from (
                    select distinct on (id) state::text as state, (state ->> 'removed')::boolean as removed
                    from measure_history where plan_code = ? and changed_at <= ?
                    order by id, version desc) h
                where not removed""", planCode, recordedBy, MeasureEvent.class);
    }

    private List<CommentaryEvent> commentary(String planCode, Instant recordedBy) {
        return states("""
                select distinct on (measure_id, period) state::text from commentary_revision
                where plan_code = ? and recorded_at <= ?
                order by measure_id, period, revision desc""", planCode, recordedBy, CommentaryEvent.class);
    }

    private <T> List<T> states(String sql, String planCode, Instant recordedBy, Class<T> type) {
        return Jdbc.work(entityManager, connection -> {
            List<T> states = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, planCode);
                if (recordedBy != null) {
                    select.setTimestamp(2, Timestamp.from(recordedBy));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        states.add(InboundEvent.read(mapper, rs.getString(1), type));
                    }
                }
            }
            return states;
        });
    }
}
