package org.kpisuite.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A consumer of one full-state topic that keeps a replica of it by {@link FullState}'s rule, one transaction per
 * poll (a thousand definitions loaded at once cost a few transactions, not a thousand; an unreadable record still
 * fails alone, see {@link InboundProcessor#processAll}). A subclass names its replica and has the {@code @Incoming}
 * method, which calls {@link #consume}.
 */
public abstract class FullStateConsumer<T, K> implements InboundHandler {

    @Inject
    protected ObjectMapper mapper;

    @Inject
    protected InboundProcessor inbound;

    private final FullState<T, K> rule;

    protected FullStateConsumer(FullState<T, K> rule) {
        this.rule = rule;
    }

    /** The replica the topic is kept in. */
    protected abstract FullState.Replica<T, K> replica();

    /** Overridden by the subclass only to carry its {@code @Incoming} channel. */
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        inbound.processAll(list, this);
    }

    /** One record in its own transaction, as a poll of one. */
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record, this);
    }

    @Override
    public Set<String> topics() {
        return Set.of(rule.topic());
    }

    @Override
    public void apply(String topic, InboundEvent event) {
        rule.apply(event, mapper, replica());
    }
}
