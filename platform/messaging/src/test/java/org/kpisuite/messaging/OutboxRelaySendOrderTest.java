package org.kpisuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The relay never lets a row of a key reach the broker ahead of an earlier row of that key that failed: once a send
 * fails at once (the producer found no metadata while the broker was away), the rest of the batch's rows of that
 * topic are not sent, and answer with that failure. Without this, the rows sent after the broker came back were
 * published before the failed one, which the retry then published after them (the broker-stop fault test caught it).
 * Rows of another topic still go out (a topic that does not exist yet holds back no other).
 */
class OutboxRelaySendOrderTest {

    private final List<String> sent = new ArrayList<>();

    @Test
    void aSendThatFailsAtOnceEndsTheBatch() {
        Function<ProducerRecord<String, String>, Future<RecordMetadata>> brokerBackAfterTheFirst = record -> {
            sent.add(record.value());
            return sent.size() == 1
                    ? CompletableFuture.failedFuture(new TimeoutException("Topic t not present in metadata after 20000 ms."))
                    : CompletableFuture.completedFuture(metadata());
        };
        List<Future<RecordMetadata>> acks = OutboxRelay.sendInOrder(records(5), brokerBackAfterTheFirst);
        assertThat(sent).containsExactly("v0");
        assertThat(acks).hasSize(5).allMatch(OutboxRelaySendOrderTest::failed);
    }

    @Test
    void aFailureInTheMiddleKeepsWhatWasSentBeforeIt() {
        List<Future<RecordMetadata>> acks = OutboxRelay.sendInOrder(records(5), record -> {
            sent.add(record.value());
            return record.value().equals("v2") ? CompletableFuture.failedFuture(new TimeoutException("no metadata"))
                    : CompletableFuture.completedFuture(metadata());
        });
        assertThat(sent).containsExactly("v0", "v1", "v2");
        assertThat(acks).hasSize(5);
        assertThat(acks.subList(0, 2)).noneMatch(OutboxRelaySendOrderTest::failed);
        assertThat(acks.subList(2, 5)).allMatch(OutboxRelaySendOrderTest::failed);
    }

    @Test
    void aTopicThatFailsHoldsBackNoOther() {
        List<ProducerRecord<String, String>> records = List.of(new ProducerRecord<>("a", "k1", "v0"),
                new ProducerRecord<>("missing", "k2", "v1"), new ProducerRecord<>("a", "k3", "v2"),
                new ProducerRecord<>("missing", "k4", "v3"), new ProducerRecord<>("a", "k5", "v4"));
        List<Future<RecordMetadata>> acks = OutboxRelay.sendInOrder(records, record -> {
            sent.add(record.value());
            return record.topic().equals("missing") ? CompletableFuture.failedFuture(new TimeoutException("no metadata"))
                    : CompletableFuture.completedFuture(metadata());
        });
        assertThat(sent).containsExactly("v0", "v1", "v2", "v4");
        assertThat(acks).hasSize(5);
        assertThat(List.of(acks.get(0), acks.get(2), acks.get(4))).noneMatch(OutboxRelaySendOrderTest::failed);
        assertThat(List.of(acks.get(1), acks.get(3))).allMatch(OutboxRelaySendOrderTest::failed);
    }

    private static boolean failed(Future<RecordMetadata> ack) {
        return ack.isDone() && ((CompletableFuture<RecordMetadata>) ack).isCompletedExceptionally();
    }

    @Test
    void pendingAndAcknowledgedSendsGoOn() {
        List<Future<RecordMetadata>> acks = OutboxRelay.sendInOrder(records(4), record -> {
            sent.add(record.value());
            return sent.size() % 2 == 0 ? new CompletableFuture<>() : CompletableFuture.completedFuture(metadata());
        });
        assertThat(sent).containsExactly("v0", "v1", "v2", "v3");
        assertThat(acks).hasSize(4);
    }

    private static List<ProducerRecord<String, String>> records(int n) {
        return IntStream.range(0, n).mapToObj(i -> new ProducerRecord<>("kpi.measurements.v1", "one-key", "v" + i)).toList();
    }

    private static RecordMetadata metadata() {
        return new RecordMetadata(new TopicPartition("kpi.measurements.v1", 0), 0, 0, 0, 0, 0);
    }
}
