package org.kpisuite.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.kpisuite.events.CloudEventHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CloudEvent read from a Kafka record in binary mode: its attributes, its JSON data and the record's key (all a
 * tombstone has).
 */
public record InboundEvent(String id, String type, String subject, String data, String key) {

    /** An event whose record key is its subject, as the relay publishes them. */
    public InboundEvent(String id, String type, String subject, String data) {
        this(id, type, subject, data, subject);
    }

    public static InboundEvent of(ConsumerRecord<String, String> record) {
        return new InboundEvent(
                header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.TYPE),
                header(record, CloudEventHeaders.SUBJECT),
                record.value(),
                record.key());
    }

    /** A record without a value: on a compacted topic, the key is gone for good. */
    public boolean isTombstone() {
        return data == null;
    }

    /**
     * The data as the type, read as a tolerant reader: what a newer producer adds is not an error. Fields this code
     * does not know are ignored, and an enum value it does not know reads as null (unknown), so that the rest of the
     * event is still applied; each consumer treats a null as "not known here".
     */
    public <T> T dataAs(ObjectMapper mapper, Class<T> type) {
        if (data == null) {
            throw new UnreadableEventException("event " + id + " of type " + this.type + " has no data", null);
        }
        try {
            return tolerant(mapper, type, data);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("event " + id + " of type " + this.type + " has unreadable data: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Reads event data kept in a replica (a full-state event stored as JSON), as tolerantly as {@link #dataAs}. */
    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return tolerant(mapper, type, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    /** One tolerant reader per mapper and type: building a reader per event showed in the consumers' profile. */
    private static final java.util.Map<ObjectMapper, java.util.Map<Class<?>, com.fasterxml.jackson.databind.ObjectReader>> READERS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static <T> T tolerant(ObjectMapper mapper, Class<T> type, String json) throws JsonProcessingException {
        return READERS.computeIfAbsent(mapper, m -> new java.util.concurrent.ConcurrentHashMap<>())
                // The check for repeated keys guards request bodies; events come from the suite's own outbox, and
                // a rebuild reads a million of them. A reader cannot switch the check off, a copy of the mapper can.
                .computeIfAbsent(type, t -> mapper.copy()
                        .configure(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, false)
                        .readerFor(t)
                        .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .readValue(json);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
