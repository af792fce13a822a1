package org.kpisuite.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes a topic from a test, the way another service would. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Reads the topic from the beginning until a record matches, or fails after the timeout. */
    public static ConsumerRecord<String, String> awaitRecord(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(bootstrapServers, topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return record;
                    }
                    seen.add(record);
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw " + seen.size()
                + " other records");
    }

    /** Every record of the topic that matches, read from the beginning until nothing new came for {@code quiet}. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration quiet) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(bootstrapServers, topic)) {
            long lastNews = System.nanoTime();
            while (System.nanoTime() - lastNews < quiet.toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    lastNews = System.nanoTime();
                    if (match.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    /** A record to send: key, JSON value and CloudEvent headers. */
    public record Outgoing(String key, String value, Map<String, String> headers) {
    }

    /** Sends the records in their order with one producer and waits for the broker's acknowledgements. */
    public static void sendAll(String bootstrapServers, String topic, List<Outgoing> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Outgoing out : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, out.key(), out.value());
                out.headers().forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            for (var ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** A consumer of its own group, reading the topic from its beginning. */
    private static KafkaConsumer<String, String> fromTheBeginning(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Sends one record with the given headers and waits for the broker's acknowledgement. */
    public static void send(String bootstrapServers, String topic, String key, String value,
            Map<String, String> headers) {
        sendAll(bootstrapServers, topic, List.of(new Outgoing(key, value, headers)));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
