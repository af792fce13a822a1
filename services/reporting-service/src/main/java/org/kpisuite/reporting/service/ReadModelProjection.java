package org.kpisuite.reporting.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.kpisuite.events.EvaluationEvent;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementApprovalEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.FullState;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.domain.IndicatorView;
import org.kpisuite.reporting.domain.PlanItemView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies events to the read model, for the consumers and the rebuild alike. Full-state events apply only if
 * newer than what is held; measurement revisions are gathered in the transaction and applied together by
 * {@link #flush}, which then recalculates what they moved.
 */
@ApplicationScoped
public class ReadModelProjection {

    @Inject
    ObjectMapper mapper;

    @Inject
    MeasurementProjection measurements;

    @Inject
    KeptProgress kept;

    @Inject
    ReadModelState state;

    @Inject
    PlanExecutionProjection planExecution;

    @Inject
    BudgetProjection budgets;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ApprovalProjection approvals;

    @Inject
    EvaluationService evaluations;

    private static final class Pending {
        final List<MeasurementProjection.Revision> revisions = new ArrayList<>();
        final List<MeasurementApprovalEvent> approvals = new ArrayList<>();
    }

    /**
     * One event of any of the read model's topics; the consumers and the rebuild's replay both come through here. Plan items
     * and indicators follow {@link FullState} (newer versions only; a tombstone removes the key).
     */
    public void apply(String topic, InboundEvent event) {
        switch (topic) {
            case Topics.PLAN_ITEMS -> FullState.PLAN_ITEMS.apply(event, mapper, planItems);
            case Topics.INDICATORS -> FullState.INDICATORS.apply(event, mapper, indicators);
            case Topics.PLAN_EXECUTION -> planExecution.apply(event);
            case Topics.BUDGETS -> budgets.apply(event);
            // Only the rebuild reads this topic: reporting wrote it, and keeps what it wrote unless a backup lost it.
            case Topics.EVALUATIONS -> {
                if (!event.isTombstone() && EvaluationEvent.TYPE_RECORDED.equals(event.type())) {
                    evaluations.restore(event.dataAs(mapper, EvaluationEvent.class));
                }
            }
            case Topics.MEASUREMENTS -> {
                // The measurements log is not compacted: a record without a value is no revision.
                if (event.isTombstone()) {
                    return;
                }
                if (MeasurementApprovalEvent.TYPE_DECIDED.equals(event.type())) {
                    pending().approvals.add(ApprovalProjection.checked(event.dataAs(mapper,
                            MeasurementApprovalEvent.class), event.id()));
                } else {
                    measurement(event.dataAs(mapper, MeasurementEvent.class));
                }
            }
            default -> throw new IllegalArgumentException("not a topic of the read model: " + topic);
        }
    }

    private final FullState.Replica<PlanItemEvent, UUID> planItems = FullState.entities(PlanItemView.class,
            PlanItemView::new, (view, id) -> view.id = id, view -> view.version, (view, item, json) -> {
        view.planCode = item.planCode();
        view.code = item.code();
        view.parentId = item.parentId();
        view.nameJa = item.nameJa();
        view.nameEn = item.nameEn();
        view.removed = item.removed();
        view.sortOrder = item.sortOrder();
        view.importantInitiative = item.importantInitiative();
        view.agency = item.agency();
        view.fiscalYear = item.fiscalYear();
        view.firstKnown = firstKnown(view.firstKnown, item.changedAt(), view.version, item.version());
        view.version = item.version();
        state.planChanged();
    }, id -> state.planChanged());

    /** A removed indicator's kept progress is emptied by the recalculation, as for one that lost its targets. */
    private final FullState.Replica<IndicatorEvent, String> indicators = FullState.entities(IndicatorView.class,
            IndicatorView::new, (view, code) -> view.code = code, view -> view.version, (view, indicator, json) -> {
                view.firstKnown = firstKnown(view.firstKnown, indicator.changedAt(), view.version, indicator.version());
                view.version = indicator.version();
                view.state = json;
                kept.indicatorChanged(indicator.code());
            }, code -> kept.indicatorChanged(code));

    /**
     * When reporting first knew a definition, for reviews: a new row (version 0, not yet updated) takes the recording
     * time of the definition's first version when that is the event received; a row whose first event is a later
     * version (a new database, or a read model rebuilt empty, reads the compacted topic's latest) cannot know it and
     * keeps null, which counts as known before every review. A held row keeps the earliest, so a rebuild, which replays
     * the latest versions onto the rows it keeps, moves it no later. A row known before V66 (null) stays so.
     */
    static Instant firstKnown(Instant held, Instant changedAt, long heldVersion, long eventVersion) {
        if (heldVersion == 0) {
            return eventVersion == 1 ? changedAt : null;
        }
        if (held == null || changedAt == null) {
            return held;
        }
        return changedAt.isBefore(held) ? changedAt : held;
    }

    /** Gathers the revision for {@link #flush}; UnreadableEventException for an event it cannot hold. */
    private void measurement(MeasurementEvent event) {
        pending().revisions.add(MeasurementProjection.Revision.of(event));
    }

    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
        }
        return pending;
    }

    /**
     * Before the transaction commits: applies the gathered revisions and notes what they moved for recalculation.
     * While a rebuild replays, they only join the history: the values in force and the monthly totals are derived
     * from it once, when the rebuild ends, which is much cheaper than keeping them revision by revision.
     */
    public void flush() {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending != null && !pending.revisions.isEmpty()) {
            List<MeasurementProjection.Revision> revisions = List.copyOf(pending.revisions);
            pending.revisions.clear();
            if (state.rebuildingForShare()) {
                measurements.record(revisions);
            } else {
                kept.valuesChanged(measurements.apply(revisions));
            }
        }
        if (pending != null && !pending.approvals.isEmpty()) {
            approvals.record(List.copyOf(pending.approvals));
            pending.approvals.clear();
        }
        kept.refreshNoted();
        planExecution.flush();
    }
}
