package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.events.Topics;

/**
 * Faults under a steady stream of submissions: the Kafka broker stopped and started again, reporting-service
 * killed and restarted, PostgreSQL restarted; and one long scenario with several clients that also correct values:
 * the broker killed (SIGKILL) and PostgreSQL gone, each for longer than the relay and the consumers wait before
 * they fail and retry. Each time every value a client was told is accepted reaches reporting exactly once, and no
 * client sees a 500 (a 503 with Retry-After while the database is gone is the answer to wait and send again). Runs
 * in its own suite: stopping the broker or the database would disturb the other end-to-end tests.
 */
@Tag("fault")
class IngestionFaultTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final Duration DURING_FAULT = Duration.ofSeconds(60);
    /** Longer than the relay's send timeout and the consumers' longest retry pause, as the fault suite sets them. */
    private static final Duration LONG_OUTAGE = FaultSuite.RELAY_SEND_TIMEOUT.plus(FaultSuite.LONGEST_RETRY_PAUSE)
            .plusSeconds(4);
    /** After the exact check: long enough for a relay retry, a consumer redelivery or a late submission to land. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final int CLIENTS = 3;
    private static final YearMonth FIRST_MONTH = YearMonth.of(2001, 4);

    private static FaultSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = FaultSuite.start();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void brokerStoppedDuringIngestionValuesArePublishedInOrderOnceItIsBack() {
        List<String> codes = codes("broker", 3);
        List<ValueStream.Accepted> accepted = new ArrayList<>(FaultChecks.defineIndicators(suite, codes));
        try (ValueStream stream = stream(codes)) {
            awaitAccepted(stream, 15);
            suite.stopKafka();
            int beforeOutage = stream.acceptedCount();
            // With the broker gone, submissions are still stored (and their events wait in the outbox).
            awaitAccepted(stream, beforeOutage + 30);
            assertThat(stream.statuses()).as("answers while the broker was down").containsOnlyKeys(201);
            suite.startKafka();
            awaitAccepted(stream, stream.acceptedCount() + 15);
            stream.stop();
            assertThat(stream.wrongAnswers()).isEmpty();
            assertThat(stream.statuses()).as("every submission was accepted at once").containsOnlyKeys(201);
            accepted.addAll(stream.accepted());
        }
        FaultChecks.awaitExactlyOnceInReporting(suite.url(SuiteServices.REPORTING), suite.adminToken(), accepted, ARRIVAL);
        FaultChecks.assertPublishedInOrderPerIndicator(suite.bootstrapServers(), accepted);
    }

    @Test
    void reportingKilledWhileConsumingLosesAndDoublesNothing() {
        List<String> codes = codes("crash", 2);
        List<ValueStream.Accepted> accepted = new ArrayList<>(FaultChecks.defineIndicators(suite, codes));
        var reporting = suite.service(SuiteServices.REPORTING);
        try (ValueStream stream = stream(codes)) {
            awaitAccepted(stream, 30);
            // Consuming: some of the stream is in reporting already, more is arriving.
            await().atMost(ARRIVAL).until(() -> Requests.api(reporting.baseUrl(), suite.adminToken()).queryParam("indicatorCode", codes.get(0))
                    .get("/api/v1/exports/facts").then().extract().jsonPath().getList("items").size() > 5);
            reporting.kill();
            assertThat(reporting.isAlive()).isFalse();
            awaitAccepted(stream, stream.acceptedCount() + 30);
            reporting.restart().awaitReady(Duration.ofMinutes(2));
            awaitAccepted(stream, stream.acceptedCount() + 15);
            stream.stop();
            assertThat(stream.wrongAnswers()).isEmpty();
            assertThat(stream.statuses()).containsOnlyKeys(201);
            accepted.addAll(stream.accepted());
        }
        FaultChecks.awaitExactlyOnceInReporting(reporting.baseUrl(), suite.adminToken(), accepted, ARRIVAL);
    }

    @Test
    void postgresRestartedUnderIngestionGives503ThenEveryAcceptedValueOnce() {
        List<String> codes = codes("database", 2);
        List<ValueStream.Accepted> accepted = new ArrayList<>(FaultChecks.defineIndicators(suite, codes));
        try (ValueStream stream = stream(codes)) {
            awaitAccepted(stream, 15);
            suite.stopPostgres();
            // The database is gone: submissions are refused with 503 and Retry-After, not stored half-way.
            await().atMost(DURING_FAULT).until(() -> stream.answers(503) >= 2);
            suite.startPostgres();
            awaitAccepted(stream, stream.acceptedCount() + 20);
            stream.stop();
            assertThat(stream.wrongAnswers()).as("answers other than 201, 200 or a 503 with Retry-After").isEmpty();
            assertThat(stream.statuses()).containsKeys(201, 503).doesNotContainKey(500);
            accepted.addAll(stream.accepted());
        }
        FaultChecks.awaitExactlyOnceInReporting(suite.url(SuiteServices.REPORTING), suite.adminToken(), accepted, ARRIVAL);
    }

    /**
     * The long faults, with several clients at once that also correct earlier values (a second revision with a
     * reason): the broker killed with SIGKILL and kept away longer than the relay's send timeout, so that its
     * publications fail and are retried; then PostgreSQL gone as long while an indicator is defined, so that both
     * consumers fail to apply it and retry (each shown by its counter). Submissions whose client never learned the
     * outcome (see {@link Unanswered}: reset, timed out, answer lost; while all is up, while the broker is dead and
     * while the database is gone) are sent again and are then present exactly once. After the exact check passes, a
     * settle period, and the same check again in reporting and in ingestion: a late duplicate would show.
     */
    @Test
    void brokerKilledThenDatabaseGoneForLongUnderConcurrentClientsWithCorrections() {
        String ingestion = suite.url(SuiteServices.INGESTION);
        String reporting = suite.url(SuiteServices.REPORTING);
        List<String> codes = codes("long", CLIENTS + 2);
        String unansweredCode = codes.get(CLIENTS);
        String definedDuringOutage = codes.get(CLIENTS + 1);
        List<ValueStream.Accepted> accepted = new ArrayList<>(FaultChecks.defineIndicators(suite, codes.subList(0, CLIENTS + 1)));
        Unanswered unanswered = new Unanswered(ingestion, suite.adminToken(), unansweredCode);
        Map<String, String> indicatorsTopic = Map.of("topic", Topics.INDICATORS);
        double relayFailures = FaultChecks.metric(ingestion, "kpi_outbox_publish_failures_total", Map.of());
        double ingestionRetries = FaultChecks.metric(ingestion, "kpi_events_retries_total", indicatorsTopic);
        double reportingRetries = FaultChecks.metric(reporting, "kpi_events_retries_total", indicatorsTopic);
        List<ValueStream> clients = IntStream.range(0, CLIENTS).mapToObj(i -> new ValueStream(ingestion,
                suite.adminToken(), FaultChecks.DEPARTMENT, List.of(codes.get(i)), FIRST_MONTH, 5_000, 4).start()).toList();
        try {
            awaitEach(clients, 12);
            for (Unanswered.GiveUp how : Unanswered.GiveUp.values()) {
                unanswered.abandon(2, how);
            }

            suite.killKafka();
            Instant brokerKilled = Instant.now();
            for (Unanswered.GiveUp how : Unanswered.GiveUp.values()) {
                unanswered.abandon(2, how);
            }
            await().atMost(LONG_OUTAGE.plus(DURING_FAULT)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    FaultChecks.metric(ingestion, "kpi_outbox_publish_failures_total", Map.of()) > relayFailures);
            awaitEach(clients, 12);
            sleepUntil(brokerKilled.plus(LONG_OUTAGE));
            clients.forEach(c -> assertThat(c.statuses()).as("answers with the broker dead").containsOnlyKeys(201));
            suite.startKafka();
            awaitEach(clients, 12);

            suite.stopPostgres();
            Instant databaseGone = Instant.now();
            FaultChecks.publishIndicators(suite, List.of(definedDuringOutage));
            for (Unanswered.GiveUp how : Unanswered.GiveUp.values()) {
                unanswered.abandon(2, how);
            }
            await().atMost(LONG_OUTAGE.plus(DURING_FAULT)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    FaultChecks.metric(ingestion, "kpi_events_retries_total", indicatorsTopic) > ingestionRetries
                    && FaultChecks.metric(reporting, "kpi_events_retries_total", indicatorsTopic) > reportingRetries);
            sleepUntil(databaseGone.plus(LONG_OUTAGE));
            suite.startPostgres();
            awaitEach(clients, 12);
        } finally {
            clients.forEach(ValueStream::stop);
        }
        for (ValueStream client : clients) {
            assertThat(client.wrongAnswers()).as("answers other than 201, 200 or a 503 with Retry-After").isEmpty();
            assertThat(client.statuses()).containsKeys(201, 503).doesNotContainKey(500);
            accepted.addAll(client.accepted());
        }
        assertThat(accepted).as("corrections during the faults").anyMatch(a -> a.revision() == 2);
        accepted.addAll(FaultChecks.awaitIndicators(suite, List.of(definedDuringOutage)));
        // The unanswered submissions' order is the resends' and the abandoned requests' race: not checked.
        List<ValueStream.Accepted> ordered = accepted.stream().filter(a -> !a.indicatorCode().equals(unansweredCode))
                .toList();
        accepted.addAll(unanswered.reconcile(DURING_FAULT));
        System.out.println("fault test: resends of unanswered submissions: " + unanswered.outcomes());
        assertThat(unanswered.outcomes()).as("some abandoned submissions had been stored").containsKey("UNCHANGED");

        FaultChecks.awaitExactlyOnceInReporting(reporting, suite.adminToken(), accepted, ARRIVAL);
        FaultChecks.assertStillExactlyOnceAfter(SETTLE, ingestion, reporting, suite.adminToken(), accepted);
        FaultChecks.assertPublishedInOrderPerIndicator(suite.bootstrapServers(), ordered);
    }

    private static void awaitEach(List<ValueStream> clients, int more) {
        Map<ValueStream, Integer> targets = new java.util.HashMap<>();
        clients.forEach(c -> targets.put(c, c.acceptedCount() + more));
        clients.forEach(c -> awaitAccepted(c, targets.get(c)));
    }

    private static void sleepUntil(Instant moment) {
        Duration left = Duration.between(Instant.now(), moment);
        if (!left.isNegative()) {
            FaultChecks.sleep(left);
        }
    }

    private static ValueStream stream(List<String> codes) {
        return new ValueStream(suite.url(SuiteServices.INGESTION), suite.adminToken(), FaultChecks.DEPARTMENT, codes, FIRST_MONTH, 5_000)
                .start();
    }

    private static void awaitAccepted(ValueStream stream, int count) {
        await().atMost(DURING_FAULT).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertThat(stream.wrongAnswers()).as("answers a client got wrong").isEmpty())
                .until(() -> stream.acceptedCount() >= count);
    }

    private static List<String> codes(String scenario, int n) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        return IntStream.range(0, n).mapToObj(i -> "fault-" + scenario + "-" + run + "-" + i).toList();
    }
}
