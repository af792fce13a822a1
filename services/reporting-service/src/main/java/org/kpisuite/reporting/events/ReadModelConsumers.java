package org.kpisuite.reporting.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.InboundHandler;
import org.kpisuite.messaging.InboundProcessor;
import org.kpisuite.reporting.service.ReadModelProjection;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Builds the read model from its five topics, one transaction per poll (InboundProcessor.processAll): a poll's
 * revisions are applied with a few set-based statements and what they move is recalculated once, at its end. As the
 * topics' InboundHandler, the same path replays dead letters.
 */
@ApplicationScoped
public class ReadModelConsumers implements InboundHandler {

    @Inject
    InboundProcessor inbound;

    @Inject
    ReadModelProjection projection;

    @Incoming(Topics.PLAN_ITEMS)
    @Blocking
    public void planItems(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), this);
    }

    @Incoming(Topics.INDICATORS)
    @Blocking
    public void indicators(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), this);
    }

    @Incoming(Topics.MEASUREMENTS)
    @Blocking
    public void measurements(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), this);
    }

    @Incoming(Topics.PLAN_EXECUTION)
    @Blocking
    public void planExecution(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), this);
    }

    @Incoming(Topics.BUDGETS)
    @Blocking
    public void budgets(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), this);
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PLAN_ITEMS, Topics.INDICATORS, Topics.MEASUREMENTS, Topics.PLAN_EXECUTION, Topics.BUDGETS);
    }

    @Override
    public void apply(String topic, InboundEvent event) {
        projection.apply(topic, event);
    }

    @Override
    public void beforeCommit() {
        projection.flush();
    }

    private static List<ConsumerRecord<String, String>> list(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }
}
