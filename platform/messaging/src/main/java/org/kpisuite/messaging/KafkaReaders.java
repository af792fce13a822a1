package org.kpisuite.messaging;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings of a reader of its own (a replay that assigns partitions and seeks, outside the messaging connector):
 * the service's Kafka configuration ({@code kafka.*}: bootstrap servers, TLS, SASL reach it too) without its group
 * and deserializers, no automatic commit, from the earliest offset. The caller adds its group and client id.
 */
public final class KafkaReaders {

    private KafkaReaders() {
    }

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
}
