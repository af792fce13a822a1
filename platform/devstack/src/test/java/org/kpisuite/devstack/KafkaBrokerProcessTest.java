package org.kpisuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpisuite.events.Topics;

class KafkaBrokerProcessTest {

    @TempDir
    Path data;

    @Test
    void startsWithTheSuiteTopicsCarriesRecordsAndKeepsThemAcrossARestart() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        KafkaBrokerProcess broker = new KafkaBrokerProcess(data, port, controllerPort);
        String value = "hello " + UUID.randomUUID();
        try {
            broker.start(Duration.ofSeconds(60));
            assertThat(Files.readString(data.resolve("kafka-config/server.properties")))
                    .contains("controller.quorum.voters=1@localhost:" + controllerPort);
            assertThat(topics(broker)).containsAll(Topics.ALL.stream().map(Topics.Spec::name).toList());

            produce(broker, value);
            assertThat(consumeValues(broker)).contains(value);

            broker.stop();
            assertThat(broker.isAlive()).isFalse();

            // The second start reuses the formatted storage: the record is still there.
            broker.start(Duration.ofSeconds(60));
            assertThat(consumeValues(broker)).contains(value);
        } finally {
            broker.stop();
        }
        assertThat(broker.isAlive()).isFalse();
    }

    private static List<String> topics(KafkaBrokerProcess broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return List.copyOf(admin.listTopics().names().get(10, TimeUnit.SECONDS));
        }
    }

    private static void produce(KafkaBrokerProcess broker, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.MEASUREMENTS, "IND-1", value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeValues(KafkaBrokerProcess broker) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            // Assigned, not subscribed: no consumer group, so no wait for the group coordinator.
            consumer.assign(consumer.partitionsFor(Topics.MEASUREMENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                List<String> values = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                if (!values.isEmpty()) {
                    return values;
                }
            }
            return List.of();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
