package org.kpisuite.plan.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.InboundProcessor;
import org.kpisuite.messaging.UnreadableEventException;
import org.kpisuite.plan.domain.IndicatorReference;

import io.smallrye.reactive.messaging.annotations.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps which plan item each indicator refers to, so that plan-service can refuse to delete an item that
 * indicators still report against. Older or repeated versions change nothing.
 */
@ApplicationScoped
public class IndicatorReferenceConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    InboundProcessor inbound;

    @Incoming(Topics.INDICATORS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record, event -> {
            // A tombstone (null value) on the compacted topic means the indicator is gone for good.
            if (event.data() == null) {
                if (record.key() != null) {
                    IndicatorReference.deleteById(record.key());
                }
                return;
            }
            IndicatorEvent indicator = event.dataAs(mapper, IndicatorEvent.class);
            if (indicator.code() == null) {
                // Retrying cannot mend it; skipping keeps the partition moving.
                throw new UnreadableEventException("indicator event " + event.id() + " has no code", null);
            }
            apply(indicator);
        });
    }

    private void apply(IndicatorEvent indicator) {
        IndicatorReference reference = IndicatorReference.findById(indicator.code());
        if (reference == null) {
            reference = new IndicatorReference();
            reference.code = indicator.code();
        } else if (reference.version >= indicator.version()) {
            return;
        }
        reference.planItemId = indicator.planItemId();
        reference.retired = indicator.retired();
        reference.version = indicator.version();
        reference.persist();
    }
}
