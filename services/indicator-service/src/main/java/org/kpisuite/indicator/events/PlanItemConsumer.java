package org.kpisuite.indicator.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.indicator.domain.PlanItemReplica;
import org.kpisuite.messaging.InboundEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Keeps the plan items that indicators may refer to. Older or repeated versions change nothing. */
@ApplicationScoped
public class PlanItemConsumer {

    @Inject
    ObjectMapper mapper;

    @Incoming(Topics.PLAN_ITEMS)
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        PlanItemEvent item = InboundEvent.of(record).dataAs(mapper, PlanItemEvent.class);
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
