package org.kpisuite.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.OutboxRelay;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * An outbox row committed by another replica (another connection, no in-process wake-up) is published at once:
 * its NOTIFY wakes this replica's relay. The test profile's poll interval is 30 s, far beyond the wait here.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OutboxNotifyTest {

    @ConfigProperty(name = "kpi.outbox.poll-interval")
    Duration pollInterval;

    @Inject
    DataSource dataSource;

    @Test
    void aRowCommittedElsewhereIsPublishedOnItsNotify() throws Exception {
        assertThat(pollInterval).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        String key = Codes.unique("notify");
        String id = UUID.randomUUID().toString();
        long start = System.nanoTime();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into outbox_event "
                    + "(id, aggregatetype, aggregateid, type, topic, payload, created_at) "
                    + "values (?::uuid, ?, ?, ?, ?, ?::jsonb, now())");
                    Statement notify = other.createStatement()) {
                insert.setString(1, id);
                insert.setString(2, MeasurementEvent.AGGREGATE_TYPE);
                insert.setString(3, key);
                insert.setString(4, "kpi.test.notify.v1");
                insert.setString(5, Topics.MEASUREMENTS);
                insert.setString(6, "{\"probe\":\"" + key + "\"}");
                insert.executeUpdate();
                notify.execute("notify " + OutboxRelay.CHANNEL);
            }
            other.commit();
        }
        var record = SuiteEvents.awaitRecord(Topics.MEASUREMENTS, r -> key.equals(r.key()),
                Duration.ofSeconds(20));
        assertThat(TopicReader.header(record, "ce_id")).isEqualTo(id);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
