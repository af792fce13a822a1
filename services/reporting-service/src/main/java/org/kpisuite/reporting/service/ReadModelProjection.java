package org.kpisuite.reporting.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
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
    TransactionSynchronizationRegistry transactions;

    private static final class Pending {
        final List<MeasurementProjection.Revision> revisions = new ArrayList<>();
    }

    /** One event of any of the three topics; the consumers and the rebuild's replay both come through here. */
    public void apply(String topic, InboundEvent event) {
        if (event.data() == null) {
            return; // a tombstone on a compacted topic: full-state events here are never deleted by one
        }
        switch (topic) {
            case Topics.PLAN_ITEMS -> planItem(event.dataAs(mapper, PlanItemEvent.class));
            case Topics.INDICATORS -> indicator(event.dataAs(mapper, IndicatorEvent.class), event.data());
            case Topics.MEASUREMENTS -> measurement(event.dataAs(mapper, MeasurementEvent.class));
            default -> throw new IllegalArgumentException("not a topic of the read model: " + topic);
        }
    }

    private void planItem(PlanItemEvent item) {
        PlanItemView view = PlanItemView.findById(item.id());
        if (view == null) {
            view = new PlanItemView();
            view.id = item.id();
        } else if (view.version >= item.version()) {
            return;
        }
        view.planCode = item.planCode();
        view.code = item.code();
        view.parentId = item.parentId();
        view.nameJa = item.nameJa();
        view.nameEn = item.nameEn();
        view.removed = item.removed();
        view.version = item.version();
        view.persist();
        state.planChanged();
    }

    private void indicator(IndicatorEvent indicator, String json) {
        IndicatorView view = IndicatorView.findById(indicator.code());
        if (view == null) {
            view = new IndicatorView();
            view.code = indicator.code();
        } else if (view.version >= indicator.version()) {
            return;
        }
        view.version = indicator.version();
        view.state = json;
        view.persist();
        kept.indicatorChanged(indicator.code());
    }

    /** Gathers the revision for {@link #flush}; UnreadableEventException for an event it cannot hold. */
    private void measurement(MeasurementEvent event) {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
        }
        pending.revisions.add(MeasurementProjection.Revision.of(event));
    }

    /** Before the transaction commits: applies the gathered revisions, then recalculates what changed. */
    public void flush() {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending != null && !pending.revisions.isEmpty()) {
            kept.valuesChanged(measurements.apply(List.copyOf(pending.revisions)));
            pending.revisions.clear();
        }
        kept.refreshNoted();
    }
}
