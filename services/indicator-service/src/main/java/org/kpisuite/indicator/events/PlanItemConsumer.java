package org.kpisuite.indicator.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.indicator.domain.PlanItemReplica;
import org.kpisuite.messaging.InboundProcessor;

import io.smallrye.reactive.messaging.annotations.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Keeps the plan items that indicators may refer to. Older or repeated versions change nothing. */
@ApplicationScoped
public class PlanItemConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    InboundProcessor inbound;

    @Incoming(Topics.PLAN_ITEMS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record, event -> apply(event.dataAs(mapper, PlanItemEvent.class)));
    }

    private void apply(PlanItemEvent item) {
        PlanItemReplica replica = PlanItemReplica.findById(item.id());
        if (replica == null) {
            replica = new PlanItemReplica();
            replica.id = item.id();
        } else if (replica.version >= item.version()) {
            return;
        }
        replica.planCode = item.planCode();
        replica.code = item.code();
        replica.removed = item.removed();
        replica.version = item.version();
        replica.persist();
    }
}
