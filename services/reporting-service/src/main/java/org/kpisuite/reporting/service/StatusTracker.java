package org.kpisuite.reporting.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.kpisuite.events.IndicatorStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.Outbox;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * After changes to indicators or their values, works out their status as of today for each year they have a
 * target, and publishes each change of status in the same transaction, through the outbox. The consumers note
 * what changed ({@link #changed}) and call {@link #refreshChanged} once before their transaction commits, so a
 * poll of 500 values of one indicator costs one calculation, not 500. A status passed through and left within
 * one transaction is not announced: only what was recorded before and after it.
 */
@ApplicationScoped
public class StatusTracker {

    @Inject
    ProgressService progress;

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    /** The indicator's definition or values changed in the current transaction. */
    @SuppressWarnings("unchecked")
    public void changed(String code) {
        Set<String> codes = (Set<String>) transactions.getResource(StatusTracker.class);
        if (codes == null) {
            codes = new LinkedHashSet<>();
            transactions.putResource(StatusTracker.class, codes);
        }
        codes.add(code);
    }

    /** Recomputes the indicators changed in the current transaction, once each, and records their new statuses. */
    @SuppressWarnings("unchecked")
    public void refreshChanged() {
        Set<String> codes = (Set<String>) transactions.getResource(StatusTracker.class);
        if (codes == null || codes.isEmpty()) {
            return;
        }
        List<String> changed = List.copyOf(codes);
        codes.clear();
        registry.timer("kpi.status.refresh").record(() -> refresh(changed));
        registry.counter("kpi.status.refreshed.indicators").increment(changed.size());
    }

    @SuppressWarnings("unchecked")
    private void refresh(List<String> changed) {
        Map<String, String> before = new HashMap<>();
        List<Object[]> rows = entityManager.createNativeQuery(
                "select indicator_code, fiscal_year, status from indicator_status where indicator_code in (:codes)")
                .setParameter("codes", changed).getResultList();
        for (Object[] row : rows) {
            before.put(key((String) row[0], ((Number) row[1]).intValue()), (String) row[2]);
        }
        for (ProgressService.IndicatorProgress current : progress.progressInTargetYears(changed, progress.today())) {
            String code = current.indicator().code();
            int fiscalYear = current.fiscalYear();
            String status = current.progress().status().name();
            String previous = before.get(key(code, fiscalYear));
            if (!status.equals(previous)) {
                record(current, previous, status);
            }
        }
    }

    private void record(ProgressService.IndicatorProgress current, String before, String status) {
        String code = current.indicator().code();
        int fiscalYear = current.fiscalYear();
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

    private static String key(String code, int fiscalYear) {
        return code + "\u0000" + fiscalYear;
    }
}
