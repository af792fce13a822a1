package org.kpisuite.messaging;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records an event in the caller's transaction. The event is published only if that transaction commits,
 * and it is never lost once it has: the {@link OutboxRelay} publishes it, retrying until the broker takes it.
 */
@ApplicationScoped
public class Outbox {

    private static final int JDBC_BATCH = 500;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String topic, String aggregateType, String aggregateId, String type, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.aggregateType = aggregateType;
        event.aggregateId = aggregateId;
        event.type = type;
        event.createdAt = Instant.now();
        event.payload = json(payload, type);
        event.traceParent = TraceContext.currentTraceParent();
        entityManager.persist(event);
        wakeRelayAfterCommit();
        return event.id;
    }

    /** An event of {@link #recordAll}: the aggregate it is about and its payload. */
    public record Entry(String aggregateId, Object payload) {
    }

    /**
     * Records many events of one type, in their order, in the caller's transaction, with JDBC batch inserts:
     * the entity's identity key would make Hibernate insert them one at a time (a 10,000-row import).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String topic, String aggregateType, String type, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        entityManager.flush(); // keep the order after events recorded earlier in this transaction
        Timestamp now = Timestamp.from(Instant.now());
        String traceParent = TraceContext.currentTraceParent();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into outbox_event "
                    + "(id, aggregatetype, aggregateid, type, topic, payload, created_at, trace_parent) "
                    + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                int pending = 0;
                for (Entry entry : entries) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, aggregateType);
                    insert.setString(3, entry.aggregateId());
                    insert.setString(4, type);
                    insert.setString(5, topic);
                    insert.setString(6, json(entry.payload(), type));
                    insert.setTimestamp(7, now);
                    insert.setString(8, traceParent);
                    insert.addBatch();
                    if (++pending == JDBC_BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        });
        wakeRelayAfterCommit();
    }

    private String json(Object payload, String type) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
        }
    }

    /** One wake-up per transaction, however many events it records. */
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(Outbox.class) != null) {
            return;
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
