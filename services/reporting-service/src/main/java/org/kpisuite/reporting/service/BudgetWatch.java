package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.BudgetStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.Outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Announces budget lines that start or stop drifting and a ceiling's warning and reaching, on
 * kpi.budget-status.v1 through the outbox. The statuses last published are kept, so only a real change goes out;
 * replicas take turns on the budget's row lock, so a change is announced once. Paused while a rebuild replays (the
 * values in force are rebuilt at its end).
 */
@ApplicationScoped
public class BudgetWatch {

    /** The statuses worth an alert: a change into or out of one is announced. */
    static final Set<String> ALERTS = Set.of(BudgetVariance.Status.DRIFTING.name(),
            BudgetVariance.CeilingStatus.WARNING.name(), BudgetVariance.CeilingStatus.REACHED.name());

    @Inject
    BudgetReports reports;

    @Inject
    ReadModelState state;

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Scheduled(every = "${kpi.reporting.budget.watch-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void watchAll() {
        for (int year : QuarkusTransaction.requiringNew().call(reports::fiscalYears)) {
            QuarkusTransaction.requiringNew().run(() -> watch(year));
        }
    }

    /** In the caller's transaction: compares the year's statuses as of today with those published. */
    public int watch(int fiscalYear) {
        if (state.rebuildingForShare() || !locked(fiscalYear)) {
            return 0;
        }
        LocalDate today = reports.today();
        BudgetVariance.Report report = reports.report(fiscalYear, today).orElse(null);
        if (report == null) {
            return 0;
        }
        Map<String, BudgetVariance.LineReport> lines = new LinkedHashMap<>();
        Map<String, String> now = new LinkedHashMap<>();
        for (var table : report.tables()) {
            for (var line : table.lines()) {
                lines.put(line.code(), line);
                now.put(line.code(), line.status().name());
            }
        }
        if (report.ceiling() != null) {
            now.put(report.ceiling().code(), report.ceiling().status().name());
        }
        Map<String, String> before = published(fiscalYear);
        List<String> changed = new ArrayList<>();
        now.forEach((code, status) -> {
            if (!status.equals(before.get(code))) {
                changed.add(code);
            }
        });
        if (changed.isEmpty()) {
            return 0;
        }
        Instant at = Instant.now();
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into budget_status (fiscal_year, code, status, changed_at)
                    select ?, code, status, ? from unnest(?::varchar[], ?::varchar[]) as s(code, status)
                    on conflict (fiscal_year, code) do update set status = excluded.status, changed_at = excluded.changed_at""")) {
                upsert.setInt(1, fiscalYear);
                upsert.setTimestamp(2, Timestamp.from(at));
                upsert.setArray(3, Jdbc.column(connection, "varchar", changed, c -> c));
                upsert.setArray(4, Jdbc.column(connection, "varchar", changed, now::get));
                return upsert.executeUpdate();
            }
        });
        List<Outbox.Entry> events = new ArrayList<>();
        for (String code : changed) {
            String previous = before.get(code);
            String status = now.get(code);
            if (!ALERTS.contains(status) && (previous == null || !ALERTS.contains(previous))) {
                continue; // e.g. NO_ACTUALS → ON_BUDGET: kept, not announced
            }
            BudgetVariance.LineReport line = lines.get(code);
            BudgetStatusEvent event = line != null
                    ? new BudgetStatusEvent(fiscalYear, code, previous, status, line.budget(), line.actual(),
                            line.projected(), line.varianceRate(), today, at)
                    : new BudgetStatusEvent(fiscalYear, code, previous, status, report.ceiling().limit(),
                            report.ceiling().balance(), null, null, today, at);
            events.add(new Outbox.Entry(code, event, null));
        }
        if (!events.isEmpty()) {
            outbox.recordAll(Topics.BUDGET_STATUS, BudgetStatusEvent.AGGREGATE_TYPE, BudgetStatusEvent.TYPE_CHANGED,
                    events);
        }
        return events.size();
    }

    /** Waits for the other replicas' turn on the year; false if the budget is gone. */
    private boolean locked(int fiscalYear) {
        return Jdbc.work(entityManager, connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select 1 from budget_view where fiscal_year = ? for update")) {
                lock.setInt(1, fiscalYear);
                try (ResultSet rs = lock.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private Map<String, String> published(int fiscalYear) {
        return Jdbc.work(entityManager, connection -> {
            Map<String, String> statuses = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select code, status from budget_status where fiscal_year = ?")) {
                select.setInt(1, fiscalYear);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        statuses.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return statuses;
        });
    }
}
