package org.kpisuite.indicator.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.messaging.Outbox;

/** Records the full state of a changed indicator in the outbox, in the transaction of the change. */
@ApplicationScoped
public class IndicatorEvents {

    @Inject
    Outbox outbox;

    public void defined(Indicator indicator) {
        record(indicator, IndicatorEvent.TYPE_DEFINED);
    }

    public void changed(Indicator indicator) {
        record(indicator, IndicatorEvent.TYPE_CHANGED);
    }

    private void record(Indicator i, String type) {
        var event = new IndicatorEvent(i.code, i.nameJa, i.nameEn, i.unit, i.department, i.planItemId, i.coreTarget,
                i.referenceOnly, i.aggregation,
                i.targets.stream().map(t -> new IndicatorEvent.Target(t.fiscalYear, t.comparator, t.plainValue())).toList(),
                i.retired, i.version, i.updatedAt);
        outbox.record(Topics.INDICATORS, IndicatorEvent.AGGREGATE_TYPE, i.code, type, event);
    }
}
