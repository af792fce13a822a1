package org.kpisuite.messaging;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    /**
     * An event of {@link #recordAll}: the aggregate it is about, its payload, and the W3C traceparent of the request
     * it comes from (captured where the entry is made; null for none), for events written on another thread.
     */
    public record Entry(String aggregateId, Object payload, String traceParent) {

        /** An entry of the current trace. */
        public Entry(String aggregateId, Object payload) {
            this(aggregateId, payload, TraceContext.currentTraceParent());
        }
    }

    /**
     * Records many events of one type, in their order, in the caller's transaction, with one insert of JDBC arrays
     * (unnest ... with ordinality keeps their order in seq): the entity's identity key would make Hibernate insert
     * them one at a time (a 10,000-row import).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String topic, String aggregateType, String type, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        entityManager.flush(); // keep the order after events recorded earlier in this transaction
        int n = entries.size();
        String[] ids = new String[n];
        String[] aggregateIds = new String[n];
        String[] payloads = new String[n];
        String[] traceParents = new String[n];
        for (int i = 0; i < n; i++) {
            Entry entry = entries.get(i);
            ids[i] = UUID.randomUUID().toString();
            aggregateIds[i] = entry.aggregateId();
            payloads[i] = json(entry.payload(), type);
            traceParents[i] = entry.traceParent();
        }
        Timestamp now = Timestamp.from(Instant.now());
        // The transaction's NOTIFY rides on the insert: one round trip fewer on the path of every submission.
        boolean notify = firstInTransaction();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    with inserted as (
                        insert into outbox_event (id, aggregatetype, aggregateid, type, topic, payload, created_at, trace_parent)
                        select e.id::uuid, ?, e.aggregateid, ?, ?, e.payload::json, ?, e.trace_parent
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                             as e(id, aggregateid, payload, trace_parent, position)
                        order by e.position
                        returning 1)
                    select count(*)""" + (notify ? ", pg_notify('" + OutboxRelay.CHANNEL + "', '')" : "") + " from inserted")) {
                insert.setString(1, aggregateType);
                insert.setString(2, type);
                insert.setString(3, topic);
                insert.setTimestamp(4, now);
                insert.setArray(5, connection.createArrayOf("text", ids));
                insert.setArray(6, connection.createArrayOf("text", aggregateIds));
                insert.setArray(7, connection.createArrayOf("text", payloads));
                insert.setArray(8, connection.createArrayOf("text", traceParents));
                insert.executeQuery().close();
            }
        });
    }

    private String json(Object payload, String type) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
        }
    }

    /**
     * One wake-up per transaction, however many events it records: a NOTIFY, which PostgreSQL delivers on commit
     * to the relay of every replica (and drops on rollback), and the in-process wake-up after commit.
     */
    private void wakeRelayAfterCommit() {
        if (firstInTransaction()) {
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (Statement notify = connection.createStatement()) {
                    notify.execute("notify " + OutboxRelay.CHANNEL);
                }
            });
        }
    }

    /**
     * True for the first event of the transaction, whose writer then NOTIFYs; the in-process wake-up is registered
     * with it.
     */
    private boolean firstInTransaction() {
        if (transactions.getResource(Outbox.class) != null) {
            return false;
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        AfterCommit.run(transactions, relay::wake);
        return true;
    }
}
