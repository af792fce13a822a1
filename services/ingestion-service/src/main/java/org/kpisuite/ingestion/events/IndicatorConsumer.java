package org.kpisuite.ingestion.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.service.IndicatorDefinitions;
import org.kpisuite.messaging.InboundProcessor;

import io.smallrye.reactive.messaging.annotations.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Keeps the indicators that submissions are validated against. Older or repeated versions change nothing. */
@ApplicationScoped
public class IndicatorConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    InboundProcessor inbound;

    @Inject
    IndicatorDefinitions definitions;

    @Incoming(Topics.INDICATORS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record, event -> apply(event.dataAs(mapper, IndicatorEvent.class), event.data()));
    }

    private void apply(IndicatorEvent indicator, String state) {
        IndicatorReplica replica = IndicatorReplica.findById(indicator.code());
        if (replica == null) {
            replica = new IndicatorReplica();
            replica.code = indicator.code();
        } else if (replica.version >= indicator.version()) {
            return;
        }
        replica.department = indicator.department();
        replica.retired = indicator.retired();
        replica.version = indicator.version();
        replica.state = state;
        replica.persist();
        // Cached by version: harmless if this transaction rolls back, the replica's version then differs.
        definitions.applied(indicator);
    }
}
