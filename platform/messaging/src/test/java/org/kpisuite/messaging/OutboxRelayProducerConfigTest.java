package org.kpisuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The relay's producer reaches the cluster the service is configured for, TLS and SASL included. */
class OutboxRelayProducerConfigTest {

    @Test
    void everyKafkaPropertyOfTheServiceReachesTheProducerAndTheRelaysOwnSettingsWin() {
        Map<String, Object> kafka = new HashMap<>();
        // As Quarkus hands over kafka.* (and KAFKA_* environment variables), without the prefix.
        kafka.put("bootstrap.servers", "kafka-1.prod:9093,kafka-2.prod:9093");
        kafka.put("security.protocol", "SASL_SSL");
        kafka.put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        kafka.put("ssl.truststore.location", "/etc/kafka/truststore.p12");
        kafka.put("ssl.truststore.password", "secret");
        // Settings the relay must override, and consumer settings a producer has no use for.
        kafka.put("acks", "1");
        kafka.put("enable.idempotence", "false");
        kafka.put("delivery.timeout.ms", "30000");
        kafka.put("auto.offset.reset", "earliest");
        kafka.put("enable.auto.commit", "false");
        kafka.put("group.id", "ingestion-service");

        Properties props = OutboxRelay.producerProperties(kafka, "outbox-relay-kpi-ingestion", Duration.ofSeconds(20));

        assertThat(props)
                .containsEntry("bootstrap.servers", "kafka-1.prod:9093,kafka-2.prod:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "secret")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("delivery.timeout.ms", String.valueOf(Integer.MAX_VALUE))
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "0")
                .containsEntry("client.id", "outbox-relay-kpi-ingestion");
        assertThat(Integer.parseInt((String) props.get("batch.size"))).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(props).doesNotContainKeys("auto.offset.reset", "enable.auto.commit", "group.id");
    }
}
