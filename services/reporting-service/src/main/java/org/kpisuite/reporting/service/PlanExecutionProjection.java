package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.messaging.FullState;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.UnreadableEventException;
import org.kpisuite.reporting.domain.MeasureView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies kpi.plan-execution.v1 to the read model, for the consumer and the rebuild alike: every measure version
 * joins the history (once, by id and version) and the newest is the current state ({@link FullState} "apply if
 * newer"); every commentary revision joins its history (once, by measure, period and revision). The milestones of
 * the measures a transaction changed are checked once before it commits ({@link MilestoneStatuses}), unless a
 * rebuild replays (it checks everything at its end).
 */
@ApplicationScoped
public class PlanExecutionProjection {

    private static final Logger LOG = Logger.getLogger(PlanExecutionProjection.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ReadModelState state;

    @Inject
    MilestoneStatuses milestones;

    private static final class Changed {
        final Set<UUID> measures = new TreeSet<>();
    }

    private final FullState.Replica<MeasureEvent, UUID> current = FullState.entities(MeasureView.class,
            MeasureView::new, (view, id) -> view.id = id, view -> view.version, (view, measure, json) -> {
                view.planCode = measure.planCode();
                view.fiscalYear = measure.fiscalYear();
                view.removed = measure.removed();
                view.version = measure.version();
                view.state = json;
                changed().measures.add(measure.id());
            });

    public void apply(InboundEvent event) {
        if (CommentaryEvent.TYPE_RECORDED.equals(event.type())) {
            commentary(event);
            return;
        }
        if (!event.isTombstone() && !MeasureEvent.TYPE_UPSERTED.equals(event.type())
                && !MeasureEvent.TYPE_REMOVED.equals(event.type())) {
            // A type a newer plan-service defines: nothing here knows what it means.
            LOG.debugf("plan-execution event %s of unknown type %s left", event.id(), event.type());
            return;
        }
        if (!event.isTombstone()) {
            MeasureEvent measure = event.dataAs(mapper, MeasureEvent.class);
            if (measure.id() == null || measure.planCode() == null || measure.changedAt() == null) {
                throw new UnreadableEventException("measure event " + event.id() + " lacks its id, plan or time", null);
            }
            // Every version joins the history, also one the current state has passed (a replay beside live events).
            history(measure, event.data());
        }
        FullState.MEASURES.apply(event, mapper, current);
    }

    /** Before the transaction commits: the milestones of the measures it changed, as of today. */
    public void flush() {
        Changed changed = (Changed) transactions.getResource(Changed.class);
        if (changed == null || changed.measures.isEmpty()) {
            return;
        }
        Set<UUID> ids = Set.copyOf(changed.measures);
        changed.measures.clear();
        if (!state.rebuildingForShare()) {
            milestones.check(ids);
        }
    }

    private void history(MeasureEvent measure, String json) {
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into measure_history (id, version, plan_code, changed_at, state)
                    values (?, ?, ?, ?, ?::jsonb) on conflict do nothing""")) {
                insert.setObject(1, measure.id());
                insert.setLong(2, measure.version());
                insert.setString(3, measure.planCode());
                insert.setTimestamp(4, Timestamp.from(measure.changedAt()));
                insert.setString(5, json);
                return insert.executeUpdate();
            }
        });
    }

    private void commentary(InboundEvent event) {
        CommentaryEvent c = event.dataAs(mapper, CommentaryEvent.class);
        if (c.measureId() == null || c.period() == null || c.planCode() == null || c.recordedAt() == null) {
            throw new UnreadableEventException("commentary event " + event.id()
                    + " lacks its measure, a known period, its plan or its time", null);
        }
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into commentary_revision (measure_id, period, revision, plan_code, recorded_at, state)
                    values (?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing""")) {
                insert.setObject(1, c.measureId());
                insert.setString(2, c.period().name());
                insert.setInt(3, c.revision());
                insert.setString(4, c.planCode());
                insert.setTimestamp(5, Timestamp.from(c.recordedAt()));
                insert.setString(6, event.data());
                return insert.executeUpdate();
            }
        });
    }

    private Changed changed() {
        Changed changed = (Changed) transactions.getResource(Changed.class);
        if (changed == null) {
            changed = new Changed();
            transactions.putResource(Changed.class, changed);
        }
        return changed;
    }
}
