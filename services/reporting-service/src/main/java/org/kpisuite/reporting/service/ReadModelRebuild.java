package org.kpisuite.reporting.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.KafkaReaders;
import org.kpisuite.messaging.RetryPause;
import org.kpisuite.messaging.UnreadableEventException;
import org.kpisuite.problem.ProblemException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * Rebuilds the read model from the topics, on whichever replica is asked, for every partition: the values are
 * emptied, then a reader of its own (no consumer group) replays its topics from their beginning up to the
 * end offsets taken after the emptying, in large batches. Meanwhile the consumers go on applying new events
 * (everything is idempotent) but recalculate nothing; at the end progress and statuses are recalculated once, so
 * a status is announced only where it really differs from the one last published (normally: none).
 * <p>
 * The rebuild in progress is a row of the database with a heartbeat: a second request is refused while it beats,
 * and if the replica running it dies, another one takes it over ({@link #takeOverStale}).
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    static final List<String> TOPICS = List.of(Topics.PLAN_ITEMS, Topics.INDICATORS, Topics.MEASUREMENTS,
            Topics.PLAN_EXECUTION, Topics.BUDGETS, Topics.EVALUATIONS);
    private static final Duration STALE = Duration.ofSeconds(60);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /**
     * Records per batch and transaction. Each batch in flight (one per writer, one being read) stays live across
     * young collections and is promoted: with 2,000 the old generation filled every 0.6 s and a full collection
     * (90 ms, everything stopped) took 15 % of the replay; with 500, one every 2.4 s, and the replay of a million
     * events took 34 s instead of 39. Smaller batches gained nothing more.
     */
    private static final int BATCH = 500;
    /**
     * Measurement batches are applied by this many threads, each in its own transaction: while one batch's rows are
     * written, the next is parsed. Their order does not matter during the replay, which only adds revisions and
     * approval steps to the history ({@code on conflict do nothing}); the values in force are derived at the end.
     */
    private static final int MEASUREMENT_WRITERS = 2;

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModelProjection projection;

    @Inject
    KeptProgress kept;

    @Inject
    MeasurementProjection measurements;

    @Inject
    ReadModelState state;

    @Inject
    MilestoneStatuses milestones;

    /** Every {@code kafka.*} property of the service, as the connector's consumers get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    /** A rebuild as the state row tells it. */
    public record Status(
            @Schema(nullable = true, description = "The rebuild running; null when none runs") UUID id,
            @Schema(nullable = true) String owner,
            @Schema(nullable = true) Instant started, @Schema(nullable = true) Instant heartbeat,
            @Schema(description = "Events replayed so far by the rebuild running; once it has finished, all it "
                    + "replayed (as last.events)") long events,
            boolean running,
            @Schema(nullable = true, description = "The last rebuild that finished; null before the first") Last last) {
    }

    /** The last rebuild that finished, as its end recorded it. */
    @Schema(name = "LastRebuild")
    public record Last(UUID id, @Schema(description = "Events replayed") long events,
            @Schema(description = "Time spent replaying them") long replayMillis, Instant finished) {
    }

    /** Starts a rebuild and answers at once; 409 while another one runs. */
    public Status start(String by) {
        return start(by, null);
    }

    /**
     * Claims the rebuild's row: when none runs or the one running stopped beating, or, for a takeover, only if
     * {@code stale} is still the one running and still silent. A rebuild's last transaction (its derive and
     * recalculation) beats no more: one that outlasted {@link #STALE} and finished meanwhile must not be started
     * again by the replica that waited on its row.
     */
    Status start(String by, UUID stale) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            String claimable = stale == null ? "rebuild_id is null or rebuild_heartbeat < now() - make_interval(secs => :stale)"
                    : "rebuild_id = :staleId and rebuild_heartbeat < now() - make_interval(secs => :stale)";
            var claim = entityManager.createNativeQuery("""
                    update read_model_state set rebuild_id = :id, rebuild_owner = :owner, rebuild_started = now(),
                        rebuild_heartbeat = now(), rebuild_events = 0
                    where id = 1 and (%s)""".formatted(claimable))
                    .setParameter("id", id).setParameter("owner", by).setParameter("stale", STALE.toSeconds());
            int claimed = (stale == null ? claim : claim.setParameter("staleId", stale)).executeUpdate();
            if (claimed == 0) {
                throw new ProblemException(409, "rebuild-running", "A rebuild is running",
                        "a rebuild of the read model is in progress: GET /api/v1/admin/rebuild tells how far it is", List.of());
            }
            // The history (and the marks of pending recalculation) is emptied; the values in force and monthly totals
            // stay as they are until the replay ends and they are made equal to what the history gives
            // (MeasurementProjection.deriveFromHistory). The full-state views stay readable and take every event again (version -1).
            entityManager.createNativeQuery("truncate measurement_revision, measurement_approval, kept_pending, "
                    + "measure_history, commentary_revision").executeUpdate();
            measurements.dropHistoryIndexes();
            entityManager.createNativeQuery("update measure_view set version = -1").executeUpdate();
            entityManager.createNativeQuery("update indicator_view set version = -1").executeUpdate();
            entityManager.createNativeQuery("update plan_item_view set version = -1").executeUpdate();
            state.planChanged();
        });
        Thread replay = new Thread(() -> replay(id), "read-model-rebuild");
        replay.setDaemon(true);
        replay.start();
        return status();
    }

    public Status status() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select rebuild_id, rebuild_owner, rebuild_started, rebuild_heartbeat, coalesce(rebuild_events, 0),
                    last_rebuild ->> 'id', (last_rebuild ->> 'events')::bigint, (last_rebuild ->> 'replayMillis')::bigint,
                    (last_rebuild ->> 'finished')::timestamptz
                from read_model_state where id = 1""").getSingleResult();
        // The last run's record is read field by field: the answer has it as an object, not as the jsonb's text.
        Last last = row[5] == null ? null : new Last(UUID.fromString((String) row[5]),
                row[6] == null ? 0 : ((Number) row[6]).longValue(), row[7] == null ? 0 : ((Number) row[7]).longValue(),
                instant(row[8]));
        return new Status((UUID) row[0], (String) row[1], instant(row[2]), instant(row[3]), ((Number) row[4]).longValue(),
                row[0] != null, last);
    }

    /** A rebuild whose replica stopped beating is started again here. */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void takeOverStale() {
        Status status = QuarkusTransaction.requiringNew().call(this::status);
        if (status.running() && status.heartbeat() != null
                && status.heartbeat().isBefore(Instant.now().minus(STALE))) {
            LOG.warnf("rebuild %s of %s stopped beating at %s: starting it again here", status.id(), status.owner(),
                    status.heartbeat());
            try {
                start("takeover of " + status.id(), status.id());
            } catch (ProblemException e) {
                LOG.debugf("another replica took the rebuild over first");
            }
        }
    }

    private void replay(UUID id) {
        long start = System.nanoTime();
        long events = 0;
        ExecutorService writers = Executors.newFixedThreadPool(MEASUREMENT_WRITERS, task -> {
            Thread writer = new Thread(task, "read-model-rebuild-writer");
            writer.setDaemon(true);
            return writer;
        });
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(readerProperties(), new StringDeserializer(),
                new StringDeserializer())) {
            for (String topic : TOPICS) {
                events += replay(id, reader, topic, Topics.MEASUREMENTS.equals(topic) ? writers : null);
            }
            long replayed = events;
            long ms = (System.nanoTime() - start) / 1_000_000;
            long[] derivedMs = { 0 };
            String[] derivedParts = { "" };
            boolean finished = QuarkusTransaction.requiringNew().call(() -> {
                state.changing();
                int cleared = entityManager.createNativeQuery("""
                        update read_model_state set rebuild_id = null, rebuild_heartbeat = now(),
                            rebuild_events = cast(:events as bigint),
                            last_rebuild = jsonb_build_object('id', cast(:id as text), 'events', cast(:events as bigint),
                                'replayMillis', cast(:ms as bigint), 'finished', now())
                        where id = 1 and rebuild_id = :id""")
                        .setParameter("id", id).setParameter("events", replayed).setParameter("ms", ms).executeUpdate();
                if (cleared == 1) {
                    long deriving = System.nanoTime();
                    derivedParts[0] = measurements.deriveFromHistory();
                    derivedMs[0] = (System.nanoTime() - deriving) / 1_000_000;
                    kept.refreshAll(kept.today());
                    milestones.check(null);
                }
                return cleared == 1;
            });
            registry.timer("kpi.rebuild").record(Duration.ofNanos(System.nanoTime() - start));
            LOG.infof("rebuild %s %s: %d events replayed in %d ms, values in force derived in %d ms (%s), progress "
                    + "recalculated in %d ms", id, finished ? "finished" : "was taken over", events, ms, derivedMs[0],
                    derivedParts[0], (System.nanoTime() - start) / 1_000_000 - ms - derivedMs[0]);
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s stopped after %d events; another replica takes it over once its heartbeat is stale",
                    id, events);
        } finally {
            writers.shutdownNow();
        }
    }

    /**
     * Replays one topic's partitions from their beginning to the end offsets of now; the number of events. With
     * {@code writers}, its batches are applied on them, at most one per writer at a time; without, in order here.
     */
    private long replay(UUID id, KafkaConsumer<String, String> reader, String topic, ExecutorService writers) {
        List<TopicPartition> partitions = KafkaReaders.assignAll(reader, topic, Duration.ofSeconds(30));
        reader.seekToBeginning(partitions);
        long[] events = { 0 };
        long[] beat = { System.nanoTime() };
        Deque<Future<?>> applying = new ArrayDeque<>();
        KafkaReaders.readToCurrentEnd(reader, partitions, Duration.ofSeconds(30), batch -> {
            if (!batch.isEmpty()) {
                if (writers == null) {
                    applyRetrying(batch);
                } else {
                    while (applying.size() >= MEASUREMENT_WRITERS) {
                        awaitApplied(applying.removeFirst());
                    }
                    applying.add(writers.submit(() -> applyRetrying(batch)));
                }
                events[0] += batch.size();
            }
            if (System.nanoTime() - beat[0] > HEARTBEAT.toNanos()) {
                beat[0] = System.nanoTime();
                beat(id, events[0]);
            }
        });
        while (!applying.isEmpty()) {
            awaitApplied(applying.removeFirst());
        }
        beat(id, events[0]);
        return events[0];
    }

    /** Waits for a batch given to a writer; its failure is the replay's. */
    private static void awaitApplied(Future<?> applied) {
        try {
            applied.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Tells the other replicas this rebuild is alive; stops it if one of them has taken it over. */
    private void beat(UUID id, long events) {
        if (!heartbeat(id, events)) {
            throw new IllegalStateException("rebuild " + id + " was taken over by another replica");
        }
    }

    /** One batch in one transaction; a transient failure (the database restarting) is retried. */
    private void applyRetrying(List<ConsumerRecord<String, String>> batch) {
        RetryPause pause = new RetryPause(Duration.ofMillis(200), Duration.ofSeconds(10));
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    for (ConsumerRecord<String, String> record : batch) {
                        try {
                            projection.apply(record.topic(), InboundEvent.of(record));
                        } catch (UnreadableEventException e) {
                            // thrown before the event writes anything: skipped, as the consumers skip it
                            LOG.errorf("rebuild skips unreadable event at %s-%d@%d: %s", record.topic(),
                                    record.partition(), record.offset(), e.getMessage());
                        }
                    }
                    projection.flush();
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= 30) {
                    throw e;
                }
                LOG.warnf("rebuild batch failed (%s), retrying in %s", e.getMessage(), pause.next());
                pause.sleep();
            }
        }
    }

    private boolean heartbeat(UUID id, long events) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                update read_model_state set rebuild_heartbeat = now(), rebuild_events = :events
                where id = 1 and rebuild_id = :id""").setParameter("events", events).setParameter("id", id)
                .executeUpdate() == 1);
    }

    /** The service's own Kafka settings (bootstrap servers, TLS, SASL), for a reader outside any consumer group. */
    private Properties readerProperties() {
        Properties props = KafkaReaders.properties(kafkaConfig);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH));
        // A fetch is held whole in the heap until its last record is polled, next to the batches being applied.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(1024 * 1024));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-rebuild");
        return props;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }
}
