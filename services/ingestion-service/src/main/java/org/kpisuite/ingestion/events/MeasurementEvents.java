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

    /**
     * A stored revision, its flags (what was noticed about the value, e.g. OUTLIER, carried in its event) and the
     * traceparent of the request that submitted it (null for none).
     */
    public record Recorded(Measurement measurement, List<String> flags, String traceParent) {
    }

    /** Records the events of many revisions, in their order, in the caller's transaction. */
    public void recordedAll(List<Recorded> revisions) {
        outbox.recordAll(Topics.MEASUREMENTS, MeasurementEvent.AGGREGATE_TYPE, MeasurementEvent.TYPE_RECORDED,
                revisions.stream().map(r -> new Outbox.Entry(r.measurement().indicatorCode,
                        event(r.measurement(), r.flags()), r.traceParent())).toList());
    }

    private static MeasurementEvent event(Measurement m, List<String> flags) {
        return new MeasurementEvent(m.id, m.indicatorCode, m.component.isEmpty() ? null : m.component,
                m.breakdown.isEmpty() ? null : m.breakdown, m.department, m.period, m.value.stripTrailingZeros(),
                m.revision, m.note, m.reason, m.recordedBy, m.recordedAt, flags);
    }
}
