package org.kpisuite.messaging;

import java.time.Duration;
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
 * Runs a consumer's handler for one record in its own transaction. A failure that retrying can mend (the
 * database restarting, a lock) is retried with growing pauses, holding the partition so that order is kept
 * and nothing is skipped; an event that can never be read is logged, counted and passed over, so that it
 * cannot stop the stream.
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
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> handler.accept(event));
                registry.counter("kpi.events.consumed", "topic", record.topic()).increment();
                return;
            } catch (UnreadableEventException e) {
                registry.counter("kpi.events.unreadable", "topic", record.topic()).increment();
                LOG.errorf(e, "skipping unreadable event %s (%s) at %s-%d@%d", event.id(), event.type(),
                        record.topic(), record.partition(), record.offset());
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                registry.counter("kpi.events.retries", "topic", record.topic()).increment();
                LOG.warnf("event %s (%s) failed, retrying in %s: %s", event.id(), event.type(), pause, e.getMessage());
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
