package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.SuiteServices;

/**
 * Faults under a steady stream of submissions: the Kafka broker stopped and started again, reporting-service
 * killed and restarted, PostgreSQL restarted. Each time every value a client was told is accepted reaches
 * reporting exactly once, and no client sees a 500 (a 503 with Retry-After while the database is gone is the
 * answer to wait and send again). Runs in its own suite: stopping the broker or the database would disturb the
 * other end-to-end tests.
 */
@Tag("fault")
class IngestionFaultTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final Duration DURING_FAULT = Duration.ofSeconds(60);
    private static final YearMonth FIRST_MONTH = YearMonth.of(2000, 4);

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

    private static ValueStream stream(List<String> codes) {
        return new ValueStream(suite.url(SuiteServices.INGESTION), suite.adminToken(), FaultChecks.DEPARTMENT, codes, FIRST_MONTH, 5_000)
                .start();
    }

    private static void awaitAccepted(ValueStream stream, int count) {
        await().atMost(DURING_FAULT).pollInterval(Duration.ofMillis(100))
                .failFast("a client got a wrong answer", () -> !stream.wrongAnswers().isEmpty())
                .until(() -> stream.acceptedCount() >= count);
    }

    private static List<String> codes(String scenario, int n) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        return IntStream.range(0, n).mapToObj(i -> "fault-" + scenario + "-" + run + "-" + i).toList();
    }
}
