package org.kpisuite.reporting.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.Topics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Empties the read model and replays the three topics from their beginning. The consumers are idempotent,
 * so records consumed between the two steps do no harm. The published statuses are kept, so a replay does
 * not announce old changes again.
 */
@ApplicationScoped
public class ReadModelRebuild {

    static final List<String> TOPICS = List.of(Topics.PLAN_ITEMS, Topics.INDICATORS, Topics.MEASUREMENTS);

    @Inject
    EntityManager entityManager;

    @Inject
    KafkaClientService kafka;

    @Inject
    PlanPlacesCache planPlaces;

    public void rebuild() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("truncate measurement_revision, indicator_view, plan_item_view").executeUpdate();
            planPlaces.invalidate();
        });
        for (String topic : TOPICS) {
            io.smallrye.reactive.messaging.kafka.KafkaConsumer<Object, Object> consumer = kafka.getConsumer(topic);
            java.util.function.Consumer<org.apache.kafka.clients.consumer.Consumer<Object, Object>> seek =
                    c -> c.seekToBeginning(c.assignment());
            consumer.runOnPollingThread(seek).await().atMost(Duration.ofSeconds(30));
        }
    }
}
