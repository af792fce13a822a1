package org.kpisuite.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.kpisuite.events.Topics;

/** Creates the suite's topics as {@link Topics#ALL} declares them; existing topics are left alone. */
public final class SuiteTopics {

    private SuiteTopics() {
    }

    public static void createAll(String bootstrapServers) {
        List<NewTopic> topics = Topics.ALL.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the suite's topics on " + bootstrapServers, e);
        }
    }
}
