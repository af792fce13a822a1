package org.kpisuite.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kpisuite.events.Topics;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The dead-letter topic ({@link Topics#DEAD_LETTERS}): an event a consumer cannot read is published there whole (key,
 * value, every original header) with where it came from, which consumer refused it and why, in {@code kpi-dlq-*}
 * headers. One topic for the suite; each service replays only the letters its own consumer group wrote, through its
 * own {@link InboundHandler}s, once it is fixed. A replay reads on from where the service's last replay stopped (the
 * offsets of the group {@code <group>.dead-letters}), so each letter is replayed once; one that is still unreadable
 * is dead-lettered again, with its new reason.
 * <p>
 * SmallRye's dead-letter-queue failure strategy forwards a nacked message but has no replay, and it cannot tell an
 * unreadable event from a failure worth retrying: {@link InboundProcessor} decides that, in the handler's transaction.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "kpi-dlq-topic";
    public static final String PARTITION = "kpi-dlq-partition";
    public static final String OFFSET = "kpi-dlq-offset";
    public static final String CONSUMER = "kpi-dlq-consumer";
    public static final String REASON = "kpi-dlq-reason";
    public static final String AT = "kpi-dlq-at";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What a replay did. */
    public record Replay(int read, int replayed, int deadLetteredAgain) {
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "kafka.group.id")
    Optional<String> groupId;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private volatile KafkaProducer<String, String> producer;
    private final AtomicBoolean replaying = new AtomicBoolean();

    /** The consumer group of this service's consumers (the connector's default: the application's name). */
    public String group() {
        return groupId.orElse(applicationName);
    }

    /** Publishes the record to the dead-letter topic and waits for the broker; throws while it cannot. */
    void send(ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(),
                record.value(), new RecordHeaders());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kpi-dlq-")) {
                letter.headers().add(header.key(), header.value());
            }
        }
        header(letter, TOPIC, record.topic());
        header(letter, PARTITION, String.valueOf(record.partition()));
        header(letter, OFFSET, String.valueOf(record.offset()));
        header(letter, CONSUMER, group());
        header(letter, REASON, reason == null ? "unreadable" : reason);
        header(letter, AT, Instant.now().toString());
        try {
            producer().send(letter).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (Exception e) {
            throw new IllegalStateException("dead-lettering failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the letters written since the last replay up to the end of the topic as it is now, and gives each of
     * this service's to {@code replay}, which answers whether it was applied; then commits the position. Null when
     * another replay is running in this replica.
     */
    Replay replay(java.util.function.Predicate<ConsumerRecord<String, String>> replay) {
        if (!replaying.compareAndSet(false, true)) {
            return null;
        }
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(readerProperties(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = KafkaReaders.assignAll(reader, Topics.DEAD_LETTERS, TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = reader.committed(java.util.Set.copyOf(partitions), TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata at = committed.get(partition);
                if (at == null) {
                    reader.seekToBeginning(List.of(partition));
                } else {
                    reader.seek(partition, at.offset());
                }
            }
            int[] counts = new int[3];
            Map<TopicPartition, Long> ends = KafkaReaders.readToCurrentEnd(reader, partitions, TIMEOUT, letters -> {
                for (ConsumerRecord<String, String> letter : letters) {
                    if (group().equals(header(letter, CONSUMER))) {
                        counts[0]++;
                        counts[replay.test(original(letter)) ? 1 : 2]++;
                    }
                }
            });
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            partitions.forEach(p -> positions.put(p, new OffsetAndMetadata(Math.min(reader.position(p), ends.get(p)))));
            reader.commitSync(positions, TIMEOUT);
            int read = counts[0];
            int replayed = counts[1];
            int again = counts[2];
            return new Replay(read, replayed, again);
        } finally {
            replaying.set(false);
        }
    }

    /** The record as its consumer first received it: topic, partition, offset, key, value and headers. */
    private static ConsumerRecord<String, String> original(ConsumerRecord<String, String> letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("kpi-dlq-")) {
                headers.add(header);
            }
        }
        return new ConsumerRecord<>(header(letter, TOPIC), Integer.parseInt(header(letter, PARTITION)),
                Long.parseLong(header(letter, OFFSET)), letter.timestamp(), TimestampType.CREATE_TIME, -1, -1,
                letter.key(), letter.value(), headers, Optional.empty());
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(OutboxRelay.producerProperties(kafkaConfig,
                            "dead-letters-" + group(), TIMEOUT), new StringSerializer(), new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    private Properties readerProperties() {
        Properties props = KafkaReaders.properties(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group() + ".dead-letters");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-replay-" + group());
        return props;
    }

    void stop(@Observes ShutdownEvent event) {
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
    }
}
