package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.Outbox;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes each change of an indicator's status in a fiscal year, in the transaction that recalculated it,
 * through the outbox: the statuses last published are kept (and survive a rebuild), so only a real change is
 * announced. A status passed through and left within one transaction is not announced.
 */
@ApplicationScoped
public class StatusTracker {

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry registry;

    private record Key(String code, int fiscalYear) {
    }

    /** Compares the recalculated progress with the statuses last published; records and announces the changes. */
    public void record(List<ProgressService.IndicatorProgress> recalculated) {
        if (recalculated.isEmpty()) {
            return;
        }
        Map<Key, String> before = published(recalculated);
        List<ProgressService.IndicatorProgress> changed = new ArrayList<>();
        for (var p : recalculated) {
            if (!p.progress().status().name().equals(before.get(new Key(p.indicator().code(), p.fiscalYear())))) {
                changed.add(p);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into indicator_status (indicator_code, fiscal_year, status, changed_at)
                    select code, year, status, ? from unnest(?::varchar[], ?::int4[], ?::varchar[]) as s(code, year, status)
                    on conflict (indicator_code, fiscal_year)
                        do update set status = excluded.status, changed_at = excluded.changed_at""")) {
                upsert.setTimestamp(1, Timestamp.from(now));
                upsert.setArray(2, Jdbc.column(connection, "varchar", changed, p -> p.indicator().code()));
                upsert.setArray(3, Jdbc.column(connection, "int4", changed, ProgressService.IndicatorProgress::fiscalYear));
                upsert.setArray(4, Jdbc.column(connection, "varchar", changed, p -> p.progress().status().name()));
                return upsert.executeUpdate();
            }
        });
        outbox.recordAll(Topics.INDICATOR_STATUS, IndicatorStatusEvent.AGGREGATE_TYPE, IndicatorStatusEvent.TYPE_CHANGED,
                changed.stream().map(p -> new Outbox.Entry(p.indicator().code(), new IndicatorStatusEvent(
                        p.indicator().code(), p.fiscalYear(), before.get(new Key(p.indicator().code(), p.fiscalYear())),
                        p.progress().status().name(), p.progress().actual(), p.target().value(),
                        p.progress().achievementRate(), p.progress().grade(), p.asOf(), now))).toList());
        registry.counter("kpi.status.changes").increment(changed.size());
    }

    private Map<Key, String> published(List<ProgressService.IndicatorProgress> progress) {
        return Jdbc.work(entityManager, connection -> {
            Map<Key, String> statuses = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select s.indicator_code, s.fiscal_year, s.status
                    from indicator_status s
                    join unnest(?::varchar[], ?::int4[]) as k(indicator_code, fiscal_year) using (indicator_code, fiscal_year)""")) {
                select.setArray(1, Jdbc.column(connection, "varchar", progress, p -> p.indicator().code()));
                select.setArray(2, Jdbc.column(connection, "int4", progress, ProgressService.IndicatorProgress::fiscalYear));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        statuses.put(new Key(rs.getString(1), rs.getInt(2)), rs.getString(3));
                    }
                }
            }
            return statuses;
        });
    }
}
