package org.kpisuite.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.kpisuite.events.CloudEventHeaders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes outbox rows to Kafka in commit order as CloudEvents (binary mode), then deletes the rows the broker
 * acknowledged in the same transaction; the others are retried. The producer is idempotent (the broker drops its
 * own retries) and an acknowledged row is never sent again, so a row is published once, except where its
 * acknowledgement is lost (the broker took it, then the relay timed out or the database failed before the delete
 * committed): then it is published again with the same {@code ce_id}, and consumers, being idempotent, change
 * nothing. A PostgreSQL advisory lock lets one replica relay at a time, which
 * keeps the order per key when a service runs several replicas.
 * <p>
 * The relay wakes as soon as a transaction with outbox rows commits: in-process through {@link #wake()}, and
 * from any replica through PostgreSQL's LISTEN/NOTIFY ({@link Outbox} notifies {@value #CHANNEL} in the writing
 * transaction; a {@link ChannelListener} holds one pooled connection that LISTENs). The poll interval is only the
 * fallback for a lost listener connection.
 * <p>
 * Why not Debezium: its outbox event router needs Kafka Connect and PostgreSQL logical replication, which neither
 * {@code make run} nor the tests have. The table keeps Debezium's layout, so a deployment can switch
 * ({@code kpi.outbox.relay-enabled=false}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x6b70692d6f7574L; // "kpi-out"
    /** The NOTIFY channel of committed outbox rows (per database, so per service). */
    public static final String CHANNEL = "kpi_outbox";
    /** Consumer-only settings of the shared {@code kafka.*} configuration, which a producer would warn about. */
    private static final Set<String> CONSUMER_ONLY = consumerOnlySettings();
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

    /** Every {@code kafka.*} property of the service (bootstrap servers, security.protocol, sasl.*, ssl.*, ...). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DataSource dataSource;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private ChannelListener listener;
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
        producer = newProducer();
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        // A commit on any replica wakes the relay; while the connection is replaced it polls.
        listener = new ChannelListener(dataSource, CHANNEL, config.pollInterval(), config.retryBackoff(),
                new ChannelListener.Handler() {
                    @Override
                    public void listening() {
                        wake(); // rows committed while nobody listened
                    }

                    @Override
                    public void notified() {
                        wake();
                    }

                    @Override
                    public void lost() {
                    }
                });
        listener.start("outbox-relay-listener");
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.stop();
        }
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
                Attempt attempt;
                do {
                    attempt = QuarkusTransaction.requiringNew().call(this::publishBatch);
                    if (attempt.failure() != null) {
                        // What the broker took is deleted (committed above); the rest is retried below.
                        throw attempt.failure();
                    }
                } while (running && attempt.sent() == config.batchSize());
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
        producer = newProducer();
        try {
            failed.close(java.time.Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("closing the failed producer: %s", e);
        }
    }

    /** One relay transaction: the rows of the batch, how many the broker took, and why the others failed. */
    private record Attempt(int sent, Exception failure) {
    }

    /**
     * Publishes a batch and deletes, in the same transaction, exactly the rows the broker acknowledged, even when
     * others of the batch failed: those are never sent again, so a partial failure (the broker dying mid-batch, one
     * topic missing) does not publish the acknowledged events a second time with the same {@code ce_id}. A row
     * acknowledged after an unacknowledged row of the same key stays and is sent again with it, so that the order
     * per key holds. The failure is returned, and thrown once the deletes are committed.
     */
    private Attempt publishBatch() throws Exception {
        // The lock and the batch in one statement (plain JDBC: no entity is built for a row that is only read).
        List<Row> batch = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select o.seq, o.id, o.aggregateid, o.type, o.topic, o.payload::text, o.created_at, o.trace_parent
                    from (select pg_try_advisory_xact_lock(?) as locked) l
                    cross join lateral (select * from outbox_event where l.locked order by seq limit ?) o""")) {
                select.setLong(1, ADVISORY_LOCK_KEY);
                select.setInt(2, config.batchSize());
                try (var rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), rs.getObject(2, java.util.UUID.class), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getObject(7, java.time.OffsetDateTime.class).toInstant(), rs.getString(8)));
                    }
                }
            }
            return rows;
        });
        if (batch.isEmpty()) {
            return new Attempt(0, null);
        }
        List<Future<RecordMetadata>> acks = sendInOrder(batch.stream().map(this::toRecord).toList(), producer::send);
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Long> acknowledged = new ArrayList<>(batch.size());
        Set<String> unsettledKeys = new java.util.HashSet<>();
        Exception failure = null;
        for (int i = 0; i < batch.size(); i++) {
            Row event = batch.get(i);
            String key = event.topic() + " " + event.aggregateId(); // a topic name has no space
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!unsettledKeys.contains(key)) {
                    acknowledged.add(event.seq());
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                unsettledKeys.add(key);
                failure = failure == null ? e : failure;
            }
        }
        // Exactly the rows published: a row with a lower seq whose transaction commits between the select and
        // this delete was not in the batch, and "seq <= last" would delete it unpublished. One array parameter,
        // not thousands of IN parameters.
        Long[] seqs = acknowledged.toArray(Long[]::new);
        if (seqs.length > 0) {
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where seq = any(?)")) {
                    delete.setArray(1, connection.createArrayOf("bigint", seqs));
                    delete.executeUpdate();
                }
            });
            published.increment(seqs.length);
        }
        if (failure == null) {
            Status before = status;
            status = new Status(true, Instant.now(), before.lastFailure(), before.lastError());
        }
        return new Attempt(seqs.length, failure);
    }

    /** An outbox row as the relay reads it. */
    private record Row(long seq, java.util.UUID id, String aggregateId, String type, String topic, String payload,
            Instant createdAt, String traceParent) {
    }

    /**
     * Sends the records in order, one answer per record. Once a send fails at once (the producer could not learn
     * where to send it: no metadata within max.block.ms, the broker unreachable or the topic missing), the later
     * records of that topic are not sent: their answer is that failure. They stay for the retry, so no row of a key
     * reaches the broker ahead of an earlier row of that key (the fault test with the broker stopped saw that), the
     * transaction does not wait max.block.ms again for each of them, and the rows of other topics still go out.
     */
    static List<Future<RecordMetadata>> sendInOrder(List<ProducerRecord<String, String>> records,
            Function<ProducerRecord<String, String>, Future<RecordMetadata>> send) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        Map<String, Future<RecordMetadata>> failedTopics = new java.util.HashMap<>();
        for (ProducerRecord<String, String> record : records) {
            Future<RecordMetadata> failed = failedTopics.get(record.topic());
            if (failed != null) {
                acks.add(failed);
                continue;
            }
            Future<RecordMetadata> ack = send.apply(record);
            acks.add(ack);
            if (failedAtOnce(ack)) {
                failedTopics.put(record.topic(), ack);
            }
        }
        return acks;
    }

    private static boolean failedAtOnce(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private ProducerRecord<String, String> toRecord(Row event) {
        var record = new ProducerRecord<String, String>(event.topic(), event.aggregateId(), event.payload());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, event.id().toString());
        header(record, CloudEventHeaders.SOURCE, config.source());
        header(record, CloudEventHeaders.TYPE, event.type());
        header(record, CloudEventHeaders.SUBJECT, event.aggregateId());
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.createdAt()));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (event.traceParent() != null) {
            header(record, TraceContext.HEADER, event.traceParent());
        }
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> newProducer() {
        return new KafkaProducer<>(producerProperties(kafkaConfig, "outbox-relay" + config.source().replace('/', '-'),
                config.sendTimeout()), new StringSerializer(), new StringSerializer());
    }

    /**
     * The service's own Kafka configuration (every {@code kafka.*} property: bootstrap servers, security protocol,
     * SASL, TLS, ...) without the consumer-only settings, then the relay's settings, which win: acks from all
     * replicas, idempotence, no expiry of a record on its own, and large lz4-compressed batches.
     */
    static Properties producerProperties(Map<String, Object> kafka, String clientId, Duration sendTimeout) {
        Properties props = new Properties();
        kafka.forEach((name, value) -> {
            if (!CONSUMER_ONLY.contains(name) && value != null) {
                props.put(name, value);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // No linger: a lone value leaves at once; under load, batches fill while earlier requests are in flight.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int timeoutMs = (int) sendTimeout.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeoutMs, 10_000)));
        // A record never expires on its own: an earlier one expiring while a later one gets through would break the
        // order per key. The relay gives up after sendTimeout instead and drops the attempt (renewProducer).
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Integer.MAX_VALUE));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // The relay passes its own serializer instances.
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return props;
    }

    private static Set<String> consumerOnlySettings() {
        Set<String> names = new java.util.HashSet<>(ConsumerConfig.configNames());
        names.removeAll(ProducerConfig.configNames());
        return Set.copyOf(names);
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
        return ChannelListener.rootMessage(e);
    }
}
