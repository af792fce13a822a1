package org.kpisuite.ingestion.events;

import java.util.List;

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
        outbox.record(Topics.MEASUREMENTS, MeasurementEvent.AGGREGATE_TYPE, m.indicatorCode,
                MeasurementEvent.TYPE_RECORDED, event(m));
    }

    /** Records the events of many revisions, in their order, in the caller's transaction. */
    public void recordedAll(List<Measurement> revisions) {
        outbox.recordAll(Topics.MEASUREMENTS, MeasurementEvent.AGGREGATE_TYPE, MeasurementEvent.TYPE_RECORDED,
                revisions.stream().map(m -> new Outbox.Entry(m.indicatorCode, event(m))).toList());
    }

    private static MeasurementEvent event(Measurement m) {
        return new MeasurementEvent(m.id, m.indicatorCode, m.component.isEmpty() ? null : m.component,
                m.breakdown.isEmpty() ? null : m.breakdown, m.department, m.period, m.value.stripTrailingZeros(),
                m.revision, m.note, m.reason, m.recordedBy, m.recordedAt);
    }
}
