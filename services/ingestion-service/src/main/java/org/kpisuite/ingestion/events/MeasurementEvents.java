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

    /**
     * Records the events of many revisions, in their order, in the caller's transaction: a monthly value as
     * {@value MeasurementEvent#TYPE_RECORDED}, any other period's as {@value MeasurementEvent#TYPE_RECORDED_V2}
     * (one statement per run of the same type, so the order holds).
     */
    public void recordedAll(List<Recorded> revisions) {
        List<MeasurementEvent> events = revisions.stream().map(r -> event(r.measurement(), r.flags())).toList();
        int from = 0;
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size() || !events.get(i).type().equals(events.get(from).type())) {
                List<Outbox.Entry> run = new java.util.ArrayList<>(i - from);
                for (int j = from; j < i; j++) {
                    run.add(new Outbox.Entry(revisions.get(j).measurement().indicatorCode, events.get(j),
                            revisions.get(j).traceParent()));
                }
                outbox.recordAll(Topics.MEASUREMENTS, MeasurementEvent.AGGREGATE_TYPE, events.get(from).type(), run);
                from = i;
            }
        }
    }

    private static MeasurementEvent event(Measurement m, List<String> flags) {
        boolean monthly = org.kpisuite.fiscal.Period.isMonth(m.period);
        return new MeasurementEvent(m.id, m.indicatorCode, m.component.isEmpty() ? null : m.component,
                m.breakdown.isEmpty() ? null : m.breakdown, m.department, monthly ? m.period : null,
                m.value.stripTrailingZeros(), m.revision, m.note, m.reason, m.recordedBy, m.recordedAt, flags, m.period);
    }
}
