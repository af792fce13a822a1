package org.kpisuite.testing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;

/**
 * Events a {@code @QuarkusTest} publishes as another service would, and the topics it reads back, on the broker and
 * in the JSON of the service under test (its {@code kafka.bootstrap.servers}, its application ObjectMapper), so
 * that a test class declares neither. Outside Quarkus (the end-to-end tests), {@link TopicReader} does the same
 * with the broker named.
 */
public final class SuiteEvents {

    /** How long a test waits for a record it expects on a topic. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private SuiteEvents() {
    }

    /** The broker the service under test uses. */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** The service's own ObjectMapper: the suite's JSON dialect (ISO dates, plain decimals, strict reading). */
    public static ObjectMapper mapper() {
        return Arc.container().instance(ObjectMapper.class).get();
    }

    public static String json(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value, e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + json, e);
        }
    }

    /** Publishes the event as a producer's outbox relay does: its JSON, keyed, with CloudEvent headers and a new id. */
    public static void publish(String topic, String key, String type, Object event) {
        publish(topic, key, type, event, UUID.randomUUID().toString());
    }

    /** As {@link #publish(String, String, String, Object)}, with this CloudEvent id (a redelivery repeats one). */
    public static void publish(String topic, String key, String type, Object event, String eventId) {
        TopicReader.send(bootstrapServers(), topic, key, json(event), CloudEvents.headers(eventId, type, key));
    }

    /** Publishes JSON written by hand, e.g. what a newer producer sends that no record of this version holds. */
    public static void publishJson(String topic, String key, String type, String json) {
        TopicReader.send(bootstrapServers(), topic, key, json, CloudEvents.headers(type, key));
    }

    /** A plan item as plan-service publishes it. */
    public static void planItem(PlanItemEvent item) {
        publish(Topics.PLAN_ITEMS, item.id().toString(), PlanItemEvent.TYPE_UPSERTED, item);
    }

    /** An indicator as indicator-service publishes a new one. */
    public static void indicator(IndicatorEvent indicator) {
        publish(Topics.INDICATORS, indicator.code(), IndicatorEvent.TYPE_DEFINED, indicator);
    }

    /** A revision of a monthly value as ingestion-service publishes it. */
    public static void measurement(MeasurementEvent measurement) {
        publish(Topics.MEASUREMENTS, measurement.indicatorCode(), MeasurementEvent.TYPE_RECORDED, measurement);
    }

    /** The first record of the topic that matches, read from its beginning; fails after {@link #WAIT}. */
    public static ConsumerRecord<String, String> awaitRecord(String topic,
            Predicate<ConsumerRecord<String, String>> match) {
        return awaitRecord(topic, match, WAIT);
    }

    /** The first record of the topic that matches, read from its beginning; fails after the timeout. */
    public static ConsumerRecord<String, String> awaitRecord(String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return TopicReader.awaitRecord(bootstrapServers(), topic, match, timeout);
    }

    /** Every record of the topic that matches, read until nothing new came for {@code quiet}. */
    public static List<ConsumerRecord<String, String>> readAll(String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration quiet) {
        return TopicReader.readAll(bootstrapServers(), topic, match, quiet);
    }
}
