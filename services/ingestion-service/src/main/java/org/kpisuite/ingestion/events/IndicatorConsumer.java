package org.kpisuite.ingestion.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.service.IndicatorDefinitions;
import org.kpisuite.messaging.FullState;
import org.kpisuite.messaging.FullStateConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps the indicators that submissions are validated against (FullState: older or repeated versions change
 * nothing; a tombstone deletes the indicator, and submissions for it are refused as for an unknown one).
 */
@ApplicationScoped
public class IndicatorConsumer extends FullStateConsumer<IndicatorEvent, String> {

    @Inject
    IndicatorDefinitions definitions;

    private final FullState.Replica<IndicatorEvent, String> replica = FullState.entities(IndicatorReplica.class,
            IndicatorReplica::new, (held, code) -> held.code = code, held -> held.version, (held, indicator, state) -> {
                held.department = indicator.department();
                held.retired = indicator.retired();
                held.version = indicator.version();
                held.state = state;
                // Cached by version: harmless if this transaction rolls back, the replica's version then differs.
                definitions.applied(indicator);
            });

    public IndicatorConsumer() {
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
