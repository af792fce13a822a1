package org.kpisuite.indicator.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.indicator.domain.PlanItemReplica;
import org.kpisuite.messaging.FullState;
import org.kpisuite.messaging.FullStateConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps the plan items that indicators may refer to (FullState: older or repeated versions change nothing; a
 * tombstone deletes the item, so that no indicator may refer to it any more).
 */
@ApplicationScoped
public class PlanItemConsumer extends FullStateConsumer<PlanItemEvent, UUID> {

    private final FullState.Replica<PlanItemEvent, UUID> replica = FullState.entities(PlanItemReplica.class,
            PlanItemReplica::new, (held, id) -> held.id = id, held -> held.version, (held, item, json) -> {
        held.planCode = item.planCode();
        held.code = item.code();
        held.removed = item.removed();
        held.fiscalYear = item.fiscalYear();
        held.version = item.version();
    });

    public PlanItemConsumer() {
        super(FullState.PLAN_ITEMS);
    }

    @Incoming(Topics.PLAN_ITEMS)
    @Blocking
    @Override
    public void consume(ConsumerRecords<String, String> records) {
        super.consume(records);
    }

    @Override
    protected FullState.Replica<PlanItemEvent, UUID> replica() {
        return replica;
    }
}
