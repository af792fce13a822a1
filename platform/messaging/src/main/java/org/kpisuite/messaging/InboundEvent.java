package org.kpisuite.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.kpisuite.events.CloudEventHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A CloudEvent read from a Kafka record in binary mode: its attributes and its JSON data. */
public record InboundEvent(String id, String type, String subject, String data) {

    public static InboundEvent of(ConsumerRecord<String, String> record) {
        return new InboundEvent(
                header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.TYPE),
                header(record, CloudEventHeaders.SUBJECT),
                record.value());
    }

    public <T> T dataAs(ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("event " + id + " of type " + this.type + " has unreadable data", e);
        }
    }

    /** Reads event data kept in a replica (a full-state event stored as JSON). */
    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
