package org.kpisuite.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A reader of its own (a replay that assigns partitions and seeks, outside the messaging connector): its settings,
 * and reading a topic's partitions up to their end as it is when the reading starts. The dead-letter replay and
 * reporting's rebuild both read this way.
 */
public final class KafkaReaders {

    private KafkaReaders() {
    }

    /**
     * The service's Kafka configuration ({@code kafka.*}: bootstrap servers, TLS, SASL reach the reader too) without
     * its group and deserializers, no automatic commit, from the earliest offset. The caller adds its client id
     * (and a group, if it commits its position).
     */
    public static Properties properties(Map<String, Object> kafka) {
        Properties props = new Properties();
        kafka.forEach((name, value) -> {
            if (value != null) {
                props.put(name, value);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** Assigns every partition of the topic to the reader (replacing what it had); the caller seeks. */
    public static List<TopicPartition> assignAll(KafkaConsumer<String, String> reader, String topic, Duration timeout) {
        List<TopicPartition> partitions = reader.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.assign(partitions);
        return partitions;
    }

    /**
     * Reads the partitions, from where the reader stands, up to their end offsets as they are now: what is written
     * while it reads is left for later. Each poll's records below those ends go to {@code poll}, once per poll (an
     * empty list when a poll brought none), so that a long reading can show it is alive. Answers those end offsets:
     * a reader that commits its position commits no further than them, or it would pass over what came meanwhile.
     */
    public static Map<TopicPartition, Long> readToCurrentEnd(KafkaConsumer<String, String> reader,
            List<TopicPartition> partitions, Duration timeout, Consumer<List<ConsumerRecord<String, String>>> poll) {
        Map<TopicPartition, Long> ends = Map.copyOf(reader.endOffsets(partitions, timeout));
        Map<TopicPartition, Long> end = new HashMap<>(ends);
        end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        while (!end.isEmpty()) {
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofSeconds(1))) {
                Long stop = end.get(new TopicPartition(record.topic(), record.partition()));
                if (stop != null && record.offset() < stop) {
                    records.add(record);
                }
            }
            poll.accept(records);
            end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        }
        return ends;
    }
}
