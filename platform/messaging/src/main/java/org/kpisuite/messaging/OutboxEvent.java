package org.kpisuite.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the outbox: one event waiting to be published, written in the transaction of its change. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(name = "aggregatetype", nullable = false)
    public String aggregateType;

    @Column(name = "aggregateid", nullable = false)
    public String aggregateId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String topic;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** W3C traceparent of the span that recorded the event; null when none was active. */
    @Column(name = "trace_parent")
    public String traceParent;
}
