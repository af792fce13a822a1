package org.kpisuite.ingestion.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.messaging.Outbox;

/** Records each stored revision in the outbox, keyed by indicator so that order per indicator holds. */
@ApplicationScoped
public class MeasurementEvents {

    @Inject
    Outbox outbox;

    public void recorded(Measurement m) {
        var event = new MeasurementEvent(m.id, m.indicatorCode, m.component.isEmpty() ? null : m.component,
                m.breakdown.isEmpty() ? null : m.breakdown, m.department, m.period, m.value.stripTrailingZeros(),
                m.revision, m.note, m.reason, m.recordedBy, m.recordedAt);
        outbox.record(Topics.MEASUREMENTS, MeasurementEvent.AGGREGATE_TYPE, m.indicatorCode,
                MeasurementEvent.TYPE_RECORDED, event);
    }
}
