package org.kpisuite.reporting.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.Outbox;

/**
 * After a change to an indicator or its values, works out its status as of today for each year it has a
 * target, and publishes a change of status (in the same transaction, through the outbox).
 */
@ApplicationScoped
public class StatusTracker {

    @Inject
    ProgressService progress;

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    public void refresh(IndicatorEvent indicator) {
        for (IndicatorEvent.Target target : indicator.targets()) {
            refresh(indicator.code(), target.fiscalYear());
        }
    }

    @SuppressWarnings("unchecked")
    void refresh(String code, int fiscalYear) {
        var current = progress.progress(code, fiscalYear, progress.today());
        if (current == null) {
            return;
        }
        String status = current.progress().status().name();
        List<String> previous = entityManager.createNativeQuery(
                "select status from indicator_status where indicator_code = :code and fiscal_year = :year")
                .setParameter("code", code).setParameter("year", fiscalYear).getResultList();
        String before = previous.isEmpty() ? null : previous.get(0);
        if (status.equals(before)) {
            return;
        }
        Instant now = Instant.now();
        entityManager.createNativeQuery("""
                insert into indicator_status (indicator_code, fiscal_year, status, changed_at)
                values (:code, :year, :status, :now)
                on conflict (indicator_code, fiscal_year) do update set status = excluded.status, changed_at = excluded.changed_at
                """).setParameter("code", code).setParameter("year", fiscalYear).setParameter("status", status)
                .setParameter("now", now).executeUpdate();
        var p = current.progress();
        outbox.record(Topics.INDICATOR_STATUS, IndicatorStatusEvent.AGGREGATE_TYPE, code, IndicatorStatusEvent.TYPE_CHANGED,
                new IndicatorStatusEvent(code, fiscalYear, before, status, p.actual(), current.target().value(),
                        p.achievementRate(), p.grade(), current.asOf(), now));
    }
}
