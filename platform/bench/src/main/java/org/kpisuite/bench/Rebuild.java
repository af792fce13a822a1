package org.kpisuite.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.PrometheusText;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reporting's read-model rebuild ({@code POST /api/v1/admin/rebuild}, which answers at once and replays the six
 * topics it reads): how long until reporting has applied every record of them
 * again (its own {@code GET /api/v1/admin/rebuild} says when the replay and the recalculation ended), whether {@code GET /api/v1/progress} of every fiscal
 * year is then identical to before, and how many records the status topic gained meanwhile (none expected).
 */
final class Rebuild {

    private final Dataset data;
    private final String bootstrap;

    Rebuild(Dataset data, String bootstrap) {
        this.data = data;
        this.bootstrap = bootstrap;
    }

    Map<String, Object> run(long timeoutSeconds) {
        Map<String, Long> records = new LinkedHashMap<>();
        for (String topic : List.of(Topics.PLAN_ITEMS, Topics.INDICATORS, Topics.MEASUREMENTS, Topics.PLAN_EXECUTION,
                Topics.BUDGETS, Topics.EVALUATIONS)) {
            records.put(topic, count(topic));
        }
        Map<Integer, JsonNode> before = progress();
        long statusBefore = settledStatusCount(); // statuses of the phases before, still being relayed, are not the rebuild's

        long start = System.nanoTime();
        var answer = data.client.post(data.endpoints.reporting() + "/api/v1/admin/rebuild", "");
        if (answer.status() != 202) {
            throw new IllegalStateException("POST /api/v1/admin/rebuild: HTTP " + answer.status() + " " + answer.body());
        }
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        boolean done = false;
        double applied = 0;
        // The replay has a reader of its own (no consumer group), so reporting's own state of it tells when it ended:
        // GET /api/v1/admin/rebuild, running and the events replayed so far. Progress and statuses are recalculated
        // before it says done.
        while (!done && System.nanoTime() < deadline) {
            Dataset.sleep(data.settings.metricsPollMillis());
            var status = data.client.get(data.endpoints.reporting() + "/api/v1/admin/rebuild");
            if (status.ok()) {
                JsonNode state = status.json(data.mapper);
                done = !state.path("running").asBoolean(true);
                applied = done ? records.values().stream().mapToLong(Long::longValue).sum() : state.path("events").asDouble();
            }
        }
        long finished = System.nanoTime();

        Map<Integer, JsonNode> after = progress();
        long statusAfter = settledStatusCount();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("records", records);
        result.put("measurementEvents", records.get(Topics.MEASUREMENTS));
        result.put("completed", done);
        result.put("timeLimitSeconds", timeoutSeconds);
        result.put("eventsReplayed", (long) applied);
        result.put("seconds", LoadPhases.round(LoadPhases.seconds(start, finished)));
        result.put("measurementEventsPerSecond", LoadPhases.round(records.get(Topics.MEASUREMENTS)
                / LoadPhases.seconds(start, finished)));
        // Compared only once the replay is complete: before, a difference says nothing.
        result.put("progressIdentical", done && before.equals(after));
        result.put("differingFiscalYears", before.keySet().stream().filter(y -> !before.get(y).equals(after.get(y))).toList());
        result.put("statusEventsDuringRebuild", statusAfter - statusBefore);
        return result;
    }

    /** GET /api/v1/progress of every fiscal year, entries by indicator code. */
    private Map<Integer, JsonNode> progress() {
        Map<Integer, JsonNode> years = new TreeMap<>();
        for (int fiscalYear : data.fiscalYears) {
            var answer = Dataset.check(data.client.get(data.endpoints.reporting() + "/api/v1/progress?fiscalYear="
                    + fiscalYear), "GET progress");
            var sorted = data.mapper.createObjectNode();
            answer.json(data.mapper).forEach(entry -> sorted.set(entry.get("indicatorCode").asText(), entry));
            years.put(fiscalYear, sorted);
        }
        return years;
    }

    /**
     * The status topic's records once reporting has relayed its outbox: its backlog gauge at 0 (it is read at most
     * every 10 s, so also) and the same count twice, 3 s apart; at most a minute.
     */
    private long settledStatusCount() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var metrics = data.client.getText(data.endpoints.reporting() + "/q/metrics");
            if (metrics.ok() && PrometheusText.value(metrics.body(), "kpi_outbox_backlog", Map.of()) == 0) {
                break;
            }
            Dataset.sleep(500);
        }
        long count = count(Topics.INDICATOR_STATUS);
        while (System.nanoTime() < deadline) {
            Dataset.sleep(3_000);
            long again = count(Topics.INDICATOR_STATUS);
            if (again == count) {
                break;
            }
            count = again;
        }
        return count;
    }

    /** The records of a topic now, read from its beginning with a raw consumer (exact for compacted topics too). */
    long count(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-count-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
                }
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }
}
