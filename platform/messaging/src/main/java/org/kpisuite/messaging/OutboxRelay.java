package org.kpisuite.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kpisuite.events.CloudEventHeaders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka in commit order as CloudEvents (binary mode), then deletes them in the
 * same transaction. A failed publication rolls back and is retried, so an event is published at least
 * once; consumers are idempotent. A PostgreSQL advisory lock lets one replica relay at a time, which
 * keeps the order per key when a service runs several replicas.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x6b70692d6f7574L; // "kpi-out"
    /** Backlog figures are read from the table at most this often, however often Prometheus scrapes. */
    private static final Duration STATS_MAX_AGE = Duration.ofSeconds(10);

    /** What the relay last did: the readiness check reports it. */
    public record Status(boolean enabled, Instant lastPublished, Instant lastFailure, String lastError) {

        /** Disabled, never failed, or published since its last failure. */
        public boolean healthy() {
            return !enabled || lastFailure == null || (lastPublished != null && lastPublished.isAfter(lastFailure));
        }
    }

    /** Rows waiting and the age of the oldest, as last read; -1 and NaN when the database did not answer. */
    public record Backlog(long rows, double oldestAgeSeconds, Instant readAt) {
    }

    @Inject
    OutboxConfig config;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private volatile KafkaProducer<String, String> producer;
    private Counter published;
    private Counter failures;
    private volatile Status status = new Status(false, null, null, null);
    private volatile Backlog backlog;

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        published = registry.counter("kpi.outbox.published");
        failures = registry.counter("kpi.outbox.publish.failures");
        Gauge.builder("kpi.outbox.backlog", this, r -> r.backlog().rows() < 0 ? Double.NaN : r.backlog().rows())
                .description("Outbox rows not yet published to Kafka").register(registry);
        Gauge.builder("kpi.outbox.oldest.age", this, r -> r.backlog().oldestAgeSeconds()).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet published (0 when none)").register(registry);
        status = new Status(true, null, null, null);
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Called after a transaction with outbox rows commits, so events leave without waiting for a poll. */
    public void wake() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                int sent;
                do {
                    sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
                } while (running && sent == config.batchSize());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                Status before = status;
                status = new Status(true, before.lastPublished(), Instant.now(), rootMessage(e));
                LOG.warnf("outbox publication failed, retrying in %s: %s", config.retryBackoff(), rootMessage(e));
                renewProducer();
                sleep(config.retryBackoff().toMillis());
            }
        }
    }

    /**
     * Drops the records of a failed attempt that the producer still holds (e.g. while the broker is down): sent
     * later, they would land after the retry's copies of the events that follow them, out of order per key.
     */
    private void renewProducer() {
        KafkaProducer<String, String> failed = producer;
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        try {
            failed.close(java.time.Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("closing the failed producer: %s", e);
        }
    }

    private int publishBatch() throws Exception {
        Boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                .setParameter("key", ADVISORY_LOCK_KEY).getSingleResult();
        if (!locked) {
            return 0;
        }
        List<OutboxEvent> batch = entityManager
                .createQuery("from OutboxEvent order by seq", OutboxEvent.class)
                .setMaxResults(config.batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(producer.send(toRecord(event)));
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        // Exactly the rows published: a row with a lower seq whose transaction commits between the select and
        // this delete was not in the batch, and "seq <= last" would delete it unpublished.
        entityManager.createQuery("delete from OutboxEvent where seq in :published")
                .setParameter("published", batch.stream().map(e -> e.seq).toList())
                .executeUpdate();
        published.increment(batch.size());
        Status before = status;
        status = new Status(true, Instant.now(), before.lastFailure(), before.lastError());
        return batch.size();
    }

    private ProducerRecord<String, String> toRecord(OutboxEvent event) {
        var record = new ProducerRecord<String, String>(event.topic, event.aggregateId, event.payload);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, event.id.toString());
        header(record, CloudEventHeaders.SOURCE, config.source());
        header(record, CloudEventHeaders.TYPE, event.type);
        header(record, CloudEventHeaders.SUBJECT, event.aggregateId);
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.createdAt));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (event.traceParent != null) {
            header(record, TraceContext.HEADER, event.traceParent);
        }
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        int timeoutMs = (int) config.sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeoutMs, 10_000)));
        // A record never expires on its own: an earlier one expiring while a later one gets through would break the
        // order per key. The relay gives up after sendTimeout instead and drops the attempt (renewProducer).
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Integer.MAX_VALUE));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
        return props;
    }

    public Status status() {
        return status;
    }

    /** The backlog as last read for the metrics, without querying; null before the first read. */
    public Backlog lastBacklog() {
        return backlog;
    }

    /** The backlog as read at most {@link #STATS_MAX_AGE} ago; unknown (NaN) while the database cannot answer. */
    public Backlog backlog() {
        Backlog last = backlog;
        if (last != null && last.readAt().plus(STATS_MAX_AGE).isAfter(Instant.now())) {
            return last;
        }
        synchronized (this) {
            if (backlog != last) {
                return backlog;
            }
            try {
                Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                        .createNativeQuery("select count(*), extract(epoch from (now() - min(created_at))) from outbox_event")
                        .getSingleResult());
                double age = row[1] == null ? 0 : Math.max(0, ((Number) row[1]).doubleValue());
                backlog = new Backlog(((Number) row[0]).longValue(), age, Instant.now());
            } catch (Exception e) {
                backlog = new Backlog(-1, Double.NaN, Instant.now());
            }
            return backlog;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
