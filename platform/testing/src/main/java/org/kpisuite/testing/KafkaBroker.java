package org.kpisuite.testing;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** A single-node KRaft Kafka broker inside this JVM, on a random port, with the suite's topics. */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaBroker start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build())
                    // Topics come from SuiteTopics with their real settings, never from a consumer's subscription.
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // One broker: internal topics cannot have the default replication factor of 3.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            SuiteTopics.createAll(cluster.bootstrapServers());
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test broker did not start", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker process inside the JVM, keeping its log, to simulate an outage. */
    public void stopBroker() {
        cluster.brokers().values().forEach(b -> b.shutdown());
    }

    public void restartBroker() {
        cluster.brokers().values().forEach(b -> b.startup());
    }

    public Map<String, String> config() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test broker did not stop", e);
        }
    }
}
