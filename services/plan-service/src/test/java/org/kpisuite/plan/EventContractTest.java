package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kpisuite.plan.IndicatorReferenceConsumerTest.record;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.DeadLetters;
import org.kpisuite.plan.domain.IndicatorReference;
import org.kpisuite.plan.events.IndicatorReferenceConsumer;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;
import org.kpisuite.testing.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The event contract as a consumer lives it: what a newer producer adds is tolerated, an event that cannot be read
 * goes to the dead-letter topic with its reason and is counted, and an administrator replays dead letters once the
 * consumer reads them.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class EventContractTest {

    @Inject
    IndicatorReferenceConsumer consumer;

    private final String code = Codes.unique("contract");

    @Test
    void theConsumerCountersExistFromStartUp() {
        String metrics = metrics();
        for (String name : new String[] { "kpi_events_retries_total", "kpi_events_unreadable_total",
                "kpi_events_consumed_total" }) {
            assertThat(PrometheusText.value(metrics, name, Map.of("topic", Topics.INDICATORS))).isNotNegative();
        }
    }

    /** A later indicator-service version adds fields and enum values: what this version knows is still applied. */
    @Test
    void aNewerProducersEventIsAppliedForWhatThisVersionUnderstands() {
        UUID item = UUID.randomUUID();
        consumer.consume(record(code, """
                {"code":"%s","nameJa":"指標","planItemId":"%s","aggregation":"MEDIAN","retired":false,"version":3,
                 "reviewCycle":{"months":6,"owner":"digital-talent"},"tags":["new"],
                 "targets":[{"fiscalYear":2024,"comparator":"BETWEEN","value":10,"scope":"ROLLING_YEAR",
                             "conditions":[{"kind":"MIN_DISTINCT_MONTHS","value":3,"weight":1}],"tolerance":0.1}],
                 "firstFiscalYear":2024,"changedAt":"2026-12-01T00:00:00Z"}""".formatted(code, item)));

        IndicatorReference reference = stored(code);
        assertThat(reference).as("the newer event was applied, not skipped").isNotNull();
        assertThat(reference.planItemId).isEqualTo(item);
        assertThat(reference.version).isEqualTo(3);
    }

    @Test
    void anUnreadableEventIsDeadLetteredWithItsReasonAndCounted() {
        double before = unreadable();
        consumer.consume(record(code, "{\"code\": \"" + code + "\", \"version\": \"not a number\"}"));

        ConsumerRecord<String, String> letter = SuiteEvents.awaitRecord(Topics.DEAD_LETTERS,
                r -> code.equals(r.key()));
        assertThat(TopicReader.header(letter, DeadLetters.TOPIC)).isEqualTo(Topics.INDICATORS);
        assertThat(TopicReader.header(letter, DeadLetters.CONSUMER)).isEqualTo("plan-service");
        assertThat(TopicReader.header(letter, DeadLetters.REASON)).contains("unreadable data");
        assertThat(TopicReader.header(letter, "ce_type")).isEqualTo(IndicatorEvent.TYPE_CHANGED);
        assertThat(letter.value()).contains("not a number");
        assertThat(unreadable()).isEqualTo(before + 1);
        assertThat(stored(code)).isNull();
    }

    /**
     * A letter an older, broken build dead-lettered is applied by the replay once this build reads it; replayed once:
     * the next replay reads only what was dead-lettered again.
     */
    @Test
    void aReplayAppliesDeadLettersOnceTheConsumerReadsThem() {
        UUID item = UUID.randomUUID();
        Map<String, String> headers = new HashMap<>(CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
        headers.put(DeadLetters.TOPIC, Topics.INDICATORS);
        headers.put(DeadLetters.PARTITION, "0");
        headers.put(DeadLetters.OFFSET, "0");
        headers.put(DeadLetters.CONSUMER, "plan-service");
        headers.put(DeadLetters.REASON, "the consumer of an older build could not read it");
        TopicReader.send(SuiteEvents.bootstrapServers(), Topics.DEAD_LETTERS, code, """
                {"code":"%s","planItemId":"%s","retired":false,"version":1,"targets":[]}""".formatted(code, item),
                headers);

        given().spec(Tokens.as(Tokens.of("kpi-viewer", null))).post("/api/v1/admin/dead-letters/replay").then()
                .statusCode(403);
        JsonPath first = replay();
        assertThat(first.getInt("replayed")).isPositive();
        assertThat(stored(code).planItemId).isEqualTo(item);

        JsonPath second = replay();
        assertThat(second.getInt("read")).isEqualTo(first.getInt("deadLetteredAgain"));
        assertThat(second.getInt("replayed")).isZero();
    }

    private static JsonPath replay() {
        return given().spec(Tokens.as(Tokens.admin())).post("/api/v1/admin/dead-letters/replay").then()
                .statusCode(200).extract().jsonPath();
    }

    private static double unreadable() {
        return PrometheusText.value(metrics(), "kpi_events_unreadable_total", Map.of("topic", Topics.INDICATORS));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static IndicatorReference stored(String code) {
        return QuarkusTransaction.requiringNew().call(() -> IndicatorReference.<IndicatorReference>findById(code));
    }
}
