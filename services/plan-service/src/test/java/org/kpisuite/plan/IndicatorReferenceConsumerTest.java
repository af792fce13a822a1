package org.kpisuite.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpisuite.plan.PlanItemDeleteTest.indicator;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.plan.domain.IndicatorReference;
import org.kpisuite.plan.events.IndicatorReferenceConsumer;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The replica's rules, record by record, without the broker's timing: newer versions win, the rest is noise. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class IndicatorReferenceConsumerTest {

    @Inject
    IndicatorReferenceConsumer consumer;

    private final String code = Codes.unique("ref");
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @Test
    void olderAndRepeatedVersionsChangeNothing() throws Exception {
        consume(indicator(code, first, false, 1));
        consume(indicator(code, second, true, 2));
        consume(indicator(code, first, false, 1));
        consume(indicator(code, first, false, 2));

        IndicatorReference reference = stored();
        assertThat(reference.planItemId).isEqualTo(second);
        assertThat(reference.retired).isTrue();
        assertThat(reference.version).isEqualTo(2);
    }

    @Test
    void tombstoneForgetsTheIndicatorAndUnreadableDataIsSkipped() throws Exception {
        consume(indicator(code, first, false, 1));
        consumer.consume(record(code, "{not json"));
        assertThat(stored().planItemId).isEqualTo(first);

        consumer.consume(record(code, null));
        assertThat(stored()).isNull();
    }

    private void consume(IndicatorEvent event) throws Exception {
        consumer.consume(record(event.code(), SuiteEvents.json(event)));
    }

    private IndicatorReference stored() {
        return QuarkusTransaction.requiringNew().call(() -> IndicatorReference.<IndicatorReference>findById(code));
    }

    /** A record of the indicators topic as the relay publishes it (binary-mode CloudEvent). */
    static ConsumerRecord<String, String> record(String key, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.INDICATORS, 0, 0L, key, value);
        CloudEvents.headers(IndicatorEvent.TYPE_CHANGED, key)
                .forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
