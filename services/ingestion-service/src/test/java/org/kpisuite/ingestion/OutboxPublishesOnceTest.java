package org.kpisuite.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorStatusEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.OutboxRelay;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A relay attempt that fails for part of its batch publishes the rest once: the rows the broker acknowledged are
 * deleted, not sent again with the same ce_id on every retry (as an outside consumer of the status topic saw). Here a
 * row for a topic that does not exist yet fails attempt after attempt between rows that go through.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
@TestProfile(OutboxPublishesOnceTest.QuickRetries.class)
class OutboxPublishesOnceTest {

    /** A send gives up after 2 s, and the relay retries half a second later. */
    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kpi.outbox.send-timeout", "2s", "kpi.outbox.retry-backoff", "500ms");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void eachAcknowledgedRowIsPublishedOnceWhileItsBatchMatesFail() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String missing = "kpi.test.missing-" + run;
        List<String[]> rows = new ArrayList<>(); // id, key, topic
        for (int i = 0; i < 5; i++) {
            rows.add(new String[] { UUID.randomUUID().toString(), "once-" + run + "-" + i,
                    i == 2 ? missing : Topics.INDICATOR_STATUS });
        }
        insert(rows);
        try {
            List<String> keys = rows.stream().filter(r -> !r[2].equals(missing)).map(r -> r[1]).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> published(Topics.INDICATOR_STATUS, keys).size() >= 4);
            // At least three more attempts fail for the missing topic (2 s each, then 0.5 s): none resends the others.
            Thread.sleep(8_000);
            assertThat(outboxRows(run)).as("only the failing row is left").isEqualTo(1);
            assertPublishedOnce(published(Topics.INDICATOR_STATUS, keys), rows, keys);
        } finally {
            try (Admin admin = Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteEvents.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(missing, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(run) == 0);
        assertPublishedOnce(published(missing, List.of(rows.get(2)[1])), rows, List.of(rows.get(2)[1]));
    }

    private static void assertPublishedOnce(List<ConsumerRecord<String, String>> records, List<String[]> rows,
            List<String> keys) {
        List<String> ids = records.stream().map(r -> TopicReader.header(r, "ce_id")).toList();
        List<String> expected = rows.stream().filter(r -> keys.contains(r[1])).map(r -> r[0]).toList();
        assertThat(ids).as("each ce_id exactly once").containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<ConsumerRecord<String, String>> published(String topic, List<String> keys) {
        return SuiteEvents.readAll(topic, r -> keys.contains(r.key()), Duration.ofSeconds(2));
    }

    private void insert(List<String[]> rows) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into outbox_event "
                    + "(id, aggregatetype, aggregateid, type, topic, payload, created_at) "
                    + "values (?::uuid, ?, ?, ?, ?, ?::jsonb, now())");
                    Statement notify = connection.createStatement()) {
                for (String[] row : rows) {
                    insert.setString(1, row[0]);
                    insert.setString(2, IndicatorStatusEvent.AGGREGATE_TYPE);
                    insert.setString(3, row[1]);
                    insert.setString(4, IndicatorStatusEvent.TYPE_CHANGED);
                    insert.setString(5, row[2]);
                    insert.setString(6, "{\"probe\":\"" + row[1] + "\"}");
                    insert.addBatch();
                }
                insert.executeBatch();
                notify.execute("notify " + OutboxRelay.CHANNEL);
            }
            connection.commit();
        }
    }

    private long outboxRows(String run) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from outbox_event where aggregateid like ?")) {
            count.setString(1, "once-" + run + "-%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
