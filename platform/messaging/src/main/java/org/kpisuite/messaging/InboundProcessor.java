package org.kpisuite.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs a consumer's handler for one record (or all records of a poll) in its own transaction. A failure that
 * retrying can mend (the database restarting, a lock) is retried with growing pauses, holding the partition so
 * that order is kept and nothing is skipped; an event that can never be read is logged, counted and passed over,
 * so that it cannot stop the stream.
 */
@ApplicationScoped
public class InboundProcessor {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    @Inject
    MeterRegistry registry;

    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public void process(ConsumerRecord<String, String> record, Consumer<InboundEvent> handler) {
        InboundEvent event = InboundEvent.of(record);
        retrying(record.topic(), 1, "event " + event.id() + " (" + event.type() + ")", () -> handler.accept(event),
                e -> {
                    LOG.errorf(e, "skipping unreadable event %s (%s) at %s-%d@%d", event.id(), event.type(),
                            record.topic(), record.partition(), record.offset());
                    registry.counter("kpi.events.unreadable", "topic", record.topic()).increment();
                });
    }

    /**
     * Runs the handler for every record of one poll in a single transaction, then {@code beforeCommit} in that
     * transaction: work the records share (e.g. recomputing what they changed) is done once per poll instead of
     * once per record. Transient failures retry the whole batch in order; if one record cannot be read, the batch
     * is rolled back and its records are processed one transaction each, so that only that record is skipped.
     */
    public void processAll(List<ConsumerRecord<String, String>> records, Consumer<InboundEvent> handler,
            Runnable beforeCommit) {
        if (records.isEmpty()) {
            return;
        }
        Consumer<InboundEvent> alone = event -> {
            handler.accept(event);
            beforeCommit.run();
        };
        if (records.size() == 1) {
            process(records.get(0), alone);
            return;
        }
        List<InboundEvent> events = records.stream().map(InboundEvent::of).toList();
        ConsumerRecord<String, String> first = records.get(0);
        retrying(first.topic(), records.size(), records.size() + " events from " + first.topic() + "-" + first.partition()
                + "@" + first.offset(), () -> {
                    events.forEach(handler);
                    beforeCommit.run();
                }, e -> {
                    LOG.warnf("a batch of %d events from %s holds an unreadable one (%s): processing them one by one",
                            records.size(), first.topic(), e.getMessage());
                    records.forEach(record -> process(record, alone));
                });
    }

    /** Runs the work in a new transaction until it commits; an unreadable event goes to {@code unreadable}. */
    private void retrying(String topic, int events, String what, Runnable work, Consumer<UnreadableEventException> unreadable) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                long start = System.nanoTime();
                QuarkusTransaction.requiringNew().run(work);
                // Time per transaction (a record or a poll) and events per transaction: where consumer time goes.
                registry.timer("kpi.events.transaction", "topic", topic).record(System.nanoTime() - start,
                        TimeUnit.NANOSECONDS);
                registry.counter("kpi.events.consumed", "topic", topic).increment(events);
                return;
            } catch (UnreadableEventException e) {
                unreadable.accept(e);
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                registry.counter("kpi.events.retries", "topic", topic).increment();
                LOG.warnf("%s failed, retrying in %s: %s", what, pause, e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
