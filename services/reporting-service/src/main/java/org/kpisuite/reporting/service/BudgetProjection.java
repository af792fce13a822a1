package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.Timestamp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.kpisuite.events.BudgetAnalysisEvent;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.UnreadableEventException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies kpi.budgets.v1 to the read model, for the consumer and the rebuild alike: a budget version replaces the
 * year's only if newer (apply if newer), an analysis version joins the history once (by line and version).
 */
@ApplicationScoped
public class BudgetProjection {

    private static final Logger LOG = Logger.getLogger(BudgetProjection.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager entityManager;

    public void apply(InboundEvent event) {
        if (event.isTombstone()) {
            return; // the log is not compacted: a record without a value says nothing
        }
        if (BudgetEvent.TYPE_CHANGED.equals(event.type())) {
            BudgetEvent budget = event.dataAs(mapper, BudgetEvent.class);
            if (budget.version() <= 0 || budget.tables().isEmpty()) {
                throw new UnreadableEventException("budget event " + event.id() + " lacks its version or tables", null);
            }
            Jdbc.work(entityManager, connection -> {
                try (PreparedStatement upsert = connection.prepareStatement("""
                        insert into budget_view (fiscal_year, version, state) values (?, ?, ?::jsonb)
                        on conflict (fiscal_year) do update set version = excluded.version, state = excluded.state
                        where budget_view.version < excluded.version""")) {
                    upsert.setInt(1, budget.fiscalYear());
                    upsert.setLong(2, budget.version());
                    upsert.setString(3, event.data());
                    return upsert.executeUpdate();
                }
            });
        } else if (BudgetAnalysisEvent.TYPE_RECORDED.equals(event.type())) {
            BudgetAnalysisEvent a = event.dataAs(mapper, BudgetAnalysisEvent.class);
            if (a.lineCode() == null || a.cause() == null || a.response() == null || a.recordedAt() == null) {
                throw new UnreadableEventException("budget analysis " + event.id() + " lacks its line, texts or time", null);
            }
            Jdbc.work(entityManager, connection -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into budget_analysis_view
                            (fiscal_year, line_code, version, cause, response, recorded_at, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                    insert.setInt(1, a.fiscalYear());
                    insert.setString(2, a.lineCode());
                    insert.setLong(3, a.version());
                    insert.setString(4, a.cause());
                    insert.setString(5, a.response());
                    insert.setTimestamp(6, Timestamp.from(a.recordedAt()));
                    insert.setString(7, a.recordedBy());
                    return insert.executeUpdate();
                }
            });
        } else {
            LOG.debugf("budget event %s of unknown type %s left", event.id(), event.type());
        }
    }
}
