package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.MilestoneStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.Outbox;
import org.kpisuite.reporting.config.ReportingConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes each change of a milestone's status (OPEN, OVERDUE, DONE, DROPPED) as of today on
 * {@link Topics#MILESTONE_STATUS}, through the outbox, in the transaction that noticed it: when its measure changed,
 * and once a day for the milestones whose due date has just passed. The statuses last published are kept (and
 * survive a rebuild), so only a real change is announced; replicas take turns (a transaction-scoped advisory lock),
 * so none announces what another just did.
 */
@ApplicationScoped
public class MilestoneStatuses {

    /** The advisory lock key of the milestone check: one replica at a time. */
    private static final long LOCK = 0x6b70692d6d696cL; // "kpi-mil"

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    ReportingConfig config;

    @Inject
    ReadModelState state;

    @Inject
    MeterRegistry registry;

    private volatile LocalDate lastDayChecked;

    public LocalDate today() {
        return LocalDate.now(config.zone());
    }

    /** After midnight (Japan time) a milestone whose due date has passed is overdue without any event: checked here. */
    @Scheduled(every = "60s", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkNewDay() {
        LocalDate today = today();
        if (today.equals(lastDayChecked)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (!state.rebuildingForShare()) {
                check(null);
            }
        });
        lastDayChecked = today;
    }

    private record Row(MeasureEvent measure, MeasureEvent.Milestone milestone, String status) {
    }

    /** In the current transaction: the milestones of these measures (null: of every measure), as of today. */
    public void check(Collection<UUID> measureIds) {
        LocalDate today = today();
        List<Row> rows = new ArrayList<>();
        Map<UUID, String> published = Jdbc.work(entityManager, connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK);
                lock.execute();
            }
            try (PreparedStatement select = connection.prepareStatement(measureIds == null
                    ? "select state::text from measure_view where not removed"
                    : "select state::text from measure_view where not removed and id = any(?)")) {
                if (measureIds != null) {
                    select.setArray(1, connection.createArrayOf("uuid", measureIds.toArray()));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        MeasureEvent measure = InboundEvent.read(mapper, rs.getString(1), MeasureEvent.class);
                        for (MeasureEvent.Milestone m : measure.milestones()) {
                            if (m.id() != null && m.due() != null) {
                                rows.add(new Row(measure, m, PlanTree.milestoneState(m, measure.status(), today)));
                            }
                        }
                    }
                }
            }
            Map<UUID, String> statuses = new HashMap<>();
            if (rows.isEmpty()) {
                return statuses;
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select milestone_id, status from milestone_status where milestone_id = any(?)")) {
                select.setArray(1, Jdbc.column(connection, "uuid", rows, r -> r.milestone().id()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        statuses.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }
                }
            }
            return statuses;
        });
        List<Row> changed = rows.stream().filter(r -> !r.status().equals(published.get(r.milestone().id()))).toList();
        if (changed.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into milestone_status (milestone_id, status, changed_at)
                    select id, status, ? from unnest(?::uuid[], ?::varchar[]) as s(id, status)
                    on conflict (milestone_id) do update set status = excluded.status, changed_at = excluded.changed_at""")) {
                upsert.setTimestamp(1, Timestamp.from(now));
                upsert.setArray(2, Jdbc.column(connection, "uuid", changed, r -> r.milestone().id()));
                upsert.setArray(3, Jdbc.column(connection, "varchar", changed, Row::status));
                return upsert.executeUpdate();
            }
        });
        outbox.recordAll(Topics.MILESTONE_STATUS, MilestoneStatusEvent.AGGREGATE_TYPE, MilestoneStatusEvent.TYPE_CHANGED,
                changed.stream().map(r -> new Outbox.Entry(r.milestone().id().toString(), new MilestoneStatusEvent(
                        r.milestone().id(), r.milestone().code(), r.measure().id(), r.measure().code(),
                        r.measure().planCode(), r.measure().department(), r.milestone().nameJa(),
                        r.milestone().nameEn(), r.milestone().due(), r.milestone().doneOn(),
                        published.get(r.milestone().id()), r.status(), today, now))).toList());
        registry.counter("kpi.milestone.status.changes").increment(changed.size());
    }
}
