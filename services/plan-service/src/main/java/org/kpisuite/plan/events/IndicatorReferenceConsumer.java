package org.kpisuite.plan.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.FullState;
import org.kpisuite.messaging.FullStateConsumer;
import org.kpisuite.plan.domain.IndicatorReference;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps which plan item each indicator refers to, so that plan-service can refuse to delete an item that
 * indicators still report against (FullState: older or repeated versions change nothing, a tombstone removes it).
 */
@ApplicationScoped
public class IndicatorReferenceConsumer extends FullStateConsumer<IndicatorEvent, String> {

    private final FullState.Replica<IndicatorEvent, String> replica = FullState.entities(IndicatorReference.class,
            IndicatorReference::new, (held, code) -> held.code = code, held -> held.version,
            (held, indicator, json) -> {
                held.planItemId = indicator.planItemId();
                held.retired = indicator.retired();
                held.version = indicator.version();
            });

    public IndicatorReferenceConsumer() {
        super(FullState.INDICATORS);
    }

    @Incoming(Topics.INDICATORS)
    @Blocking
    @Override
    public void consume(ConsumerRecords<String, String> records) {
        super.consume(records);
    }

    @Override
    protected FullState.Replica<IndicatorEvent, String> replica() {
        return replica;
    }
}
