package org.kpisuite.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.kpisuite.events.CloudEventHeaders;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;

/**
 * Runs a consumer's handler for one record (or all records of a poll) in its own transaction. A failure that
 * retrying can mend (the database restarting, a lock) is retried with growing pauses, holding the partition so
 * that order is kept and nothing is skipped; an event that can never be read is logged, counted
 * ({@code kpi_events_unreadable_total}) and published to the dead-letter topic with the reason ({@link DeadLetters}),
 * so that it cannot stop the stream and can be replayed once the consumer is fixed ({@link #replayDeadLetters}).
 * The counters of every incoming channel exist from start-up, at zero.
 * <p>
 * Each record is processed in a consumer span whose parent is the record's {@code traceparent} (the request that
 * wrote the event), and the time from the event ({@code ce_time}) to its application is measured per topic: the
 * freshness of what this service has built from the topic.
 */
@ApplicationScoped
public class InboundProcessor {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    @Inject
    InboundConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Instance<InboundHandler> handlers;

    @Inject
    ChannelRegistry channels;

    private volatile boolean stopping;
    /** Per topic: the event time of the last event applied. */
    private final Map<String, Instant> lastApplied = new ConcurrentHashMap<>();
    /** Per topic: the delay timer, looked up once rather than per record. */
    private final Map<String, Timer> delays = new ConcurrentHashMap<>();

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Registers the consumer counters of every incoming channel at zero (channels are named after their topic),
     * after the connector has wired them: a counter that appears only with its first retry cannot be alerted on.
     */
    void started(@Observes StartupEvent event) {
        for (String channel : channels.getIncomingNames()) {
            String topic = ConfigProvider.getConfig()
                    .getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class).orElse(channel);
            counters(topic);
        }
    }

    private void counters(String topic) {
        registry.counter("kpi.events.consumed", "topic", topic);
        registry.counter("kpi.events.retries", "topic", topic);
        registry.counter("kpi.events.unreadable", "topic", topic);
    }

    /** One record, one transaction, through the handler of its topic. */
    public void process(ConsumerRecord<String, String> record, InboundHandler handler) {
        process(record, alone(record.topic(), handler));
    }

    /** Every record of one poll in one transaction, through the handler of their topic (see the other overload). */
    public void processAll(List<ConsumerRecord<String, String>> records, InboundHandler handler) {
        if (!records.isEmpty()) {
            String topic = records.get(0).topic();
            processAll(records, event -> handler.apply(topic, event), handler::beforeCommit);
        }
    }

    private static Consumer<InboundEvent> alone(String topic, InboundHandler handler) {
        return event -> {
            handler.apply(topic, event);
            handler.beforeCommit();
        };
    }

    /**
     * Replays this service's dead letters written since the last replay through the handlers of their topics: each
     * in its own transaction, as when it first arrived; one still unreadable is dead-lettered again. Null while a
     * replay is running already.
     */
    public DeadLetters.Replay replayDeadLetters() {
        return deadLetters.replay(record -> {
            InboundHandler handler = handlers.stream().filter(h -> h.topics().contains(record.topic())).findFirst()
                    .orElse(null);
            if (handler == null) {
                LOG.warnf("dead letter from %s: no consumer of that topic here, left", record.topic());
                return false;
            }
            return process(record, alone(record.topic(), handler));
        });
    }

    /** Applies the record in its own transaction; false when it was unreadable (and dead-lettered). */
    private boolean process(ConsumerRecord<String, String> record, Consumer<InboundEvent> handler) {
        InboundEvent event = InboundEvent.of(record);
        Span span = span(record.topic(), TraceContext.extract(record.headers()))
                .setAttribute("messaging.kafka.destination.partition", (long) record.partition())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("messaging.message.id", String.valueOf(event.id()))
                .setAttribute("cloudevents.event_type", String.valueOf(event.type()))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return retrying(List.of(record), "event " + event.id() + " (" + event.type() + ")",
                    () -> handler.accept(event), e -> {
                        span.recordException(e);
                        span.setStatus(StatusCode.ERROR, "unreadable event dead-lettered");
                        LOG.errorf(e, "dead-lettering unreadable event %s (%s) at %s-%d@%d", event.id(), event.type(),
                                record.topic(), record.partition(), record.offset());
                        deadLetter(record, e, span);
                        registry.counter("kpi.events.unreadable", "topic", record.topic()).increment();
                    }, span);
        } finally {
            span.end();
        }
    }

    /**
     * Runs the handler for every record of one poll in a single transaction, then {@code beforeCommit} in that
     * transaction: work the records share (e.g. recomputing what they changed) is done once per poll instead of
     * once per record. Transient failures retry the whole batch in order; if one record cannot be read, the batch
     * is rolled back and its records are processed one transaction each, so that only that record is skipped.
     * The batch is one consumer span, child of the first record's trace and linked to the others'.
     */
    private void processAll(List<ConsumerRecord<String, String>> records, Consumer<InboundEvent> handler,
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
        SpanBuilder builder = span(first.topic(), TraceContext.extract(first.headers()))
                .setAttribute("messaging.batch.message_count", (long) records.size());
        records.stream().skip(1).map(r -> Span.fromContext(TraceContext.extract(r.headers())).getSpanContext())
                .filter(SpanContext::isValid).forEach(builder::addLink);
        Span span = builder.startSpan();
        try (Scope scope = span.makeCurrent()) {
            retrying(records, records.size() + " events from " + first.topic() + "-" + first.partition() + "@"
                    + first.offset(), () -> {
                        events.forEach(handler);
                        beforeCommit.run();
                    }, e -> {
                        LOG.warnf("a batch of %d events from %s holds an unreadable one (%s): processing them one by one",
                                records.size(), first.topic(), e.getMessage());
                        records.forEach(record -> process(record, alone));
                    }, span);
        } finally {
            span.end();
        }
    }

    private SpanBuilder span(String topic, Context parent) {
        return tracer.spanBuilder(topic + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", topic);
    }

    /**
     * Runs the work in a new transaction until it commits (true); an unreadable event goes to {@code unreadable}
     * (false). Once committed, the records count as applied (freshness).
     */
    private boolean retrying(List<ConsumerRecord<String, String>> records, String what, Runnable work,
            Consumer<UnreadableEventException> unreadable, Span span) {
        String topic = records.get(0).topic();
        RetryPause pause = new RetryPause(FIRST_PAUSE, config.longestRetryPause());
        while (true) {
            try {
                long start = System.nanoTime();
                QuarkusTransaction.requiringNew().run(work);
                // Time per transaction (a record or a poll) and events per transaction: where consumer time goes.
                registry.timer("kpi.events.transaction", "topic", topic).record(System.nanoTime() - start,
                        TimeUnit.NANOSECONDS);
                registry.counter("kpi.events.consumed", "topic", topic).increment(records.size());
                records.forEach(this::applied);
                return true;
            } catch (UnreadableEventException e) {
                unreadable.accept(e);
                return false;
            } catch (RuntimeException e) {
                if (stopping) {
                    span.setStatus(StatusCode.ERROR, "stopped while retrying");
                    throw e;
                }
                registry.counter("kpi.events.retries", "topic", topic).increment();
                span.addEvent("retry");
                LOG.warnf("%s failed, retrying in %s: %s", what, pause.next(), e.getMessage());
                pause.sleep();
            }
        }
    }

    /**
     * Publishes the record to the dead-letter topic with the reason, retrying while the broker cannot take it (the
     * partition waits: an event is never passed over before it is safely kept).
     */
    private void deadLetter(ConsumerRecord<String, String> record, UnreadableEventException e, Span span) {
        RetryPause pause = new RetryPause(FIRST_PAUSE, config.longestRetryPause());
        while (true) {
            try {
                deadLetters.send(record, e.getMessage());
                return;
            } catch (RuntimeException failed) {
                if (stopping) {
                    throw failed;
                }
                registry.counter("kpi.events.retries", "topic", record.topic()).increment();
                span.addEvent("retry dead letter");
                LOG.warnf("dead-lettering %s-%d@%d failed, retrying in %s: %s", record.topic(), record.partition(),
                        record.offset(), pause.next(), failed.getMessage());
                pause.sleep();
            }
        }
    }

    /** Projection freshness: how long after the event it was applied here, and how old the newest applied one is. */
    private void applied(ConsumerRecord<String, String> record) {
        Instant eventTime = eventTime(record);
        if (eventTime == null) {
            return;
        }
        Duration delay = Duration.between(eventTime, Instant.now());
        delays.computeIfAbsent(record.topic(), topic -> Timer.builder("kpi.projection.delay")
                .description("Time from an event (its ce_time) to its application by this service")
                .tag("topic", topic)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry))
                .record(delay.isNegative() ? Duration.ZERO : delay);
        boolean first = !lastApplied.containsKey(record.topic());
        lastApplied.merge(record.topic(), eventTime, (a, b) -> a.isAfter(b) ? a : b);
        if (first) {
            Gauge.builder("kpi.projection.last.event.age", lastApplied,
                    applied -> Math.max(0, Duration.between(applied.get(record.topic()), Instant.now()).toMillis() / 1000.0))
                    .description("Age of the newest event applied from the topic (grows while nothing new arrives)")
                    .tag("topic", record.topic())
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    private static Instant eventTime(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(CloudEventHeaders.TIME);
        if (header == null) {
            return null;
        }
        try {
            return Instant.parse(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
