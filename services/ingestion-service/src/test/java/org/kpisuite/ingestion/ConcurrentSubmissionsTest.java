package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Many departments submitting at once: every accepted value is published. Transactions commit in another order
 * than their outbox rows were numbered; the relay once deleted rows that committed while it was publishing.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ConcurrentSubmissionsTest {

    private static final int CLIENTS = 20;
    private static final int PER_CLIENT = 15;

    @Test
    void everyValueSubmittedConcurrentlyIsPublished() throws Exception {
        String code = Codes.unique("concurrent");
        List<String> sites = IntStream.range(0, CLIENTS).mapToObj(i -> "s" + i).toList();
        BatchIndicators.publish(code, sites);

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<String>>> clients = new ArrayList<>();
        try {
            for (String site : sites) {
                clients.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int m = 0; m < PER_CLIENT; m++) {
                        String month = YearMonth.of(2016, 4).plusMonths(m).toString();
                        ids.add(given().contentType(ContentType.JSON)
                                .body(BatchIndicators.row(code, site, month, String.valueOf(10 + m), null))
                                .post("/api/v1/measurements").then().statusCode(201).extract().path("id"));
                    }
                    return ids;
                }));
            }
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            for (Future<List<String>> client : clients) {
                accepted.addAll(client.get());
            }
            assertThat(accepted).hasSize(CLIENTS * PER_CLIENT);

            Set<String> published = ConcurrentHashMap.newKeySet();
            SuiteEvents.awaitRecord(Topics.MEASUREMENTS, r -> {
                accepted.stream().filter(id -> r.value().contains(id)).findFirst().ifPresent(published::add);
                return published.size() == accepted.size();
            }, Duration.ofSeconds(60));
            assertThat(published).containsExactlyInAnyOrderElementsOf(accepted);
        } finally {
            pool.shutdownNow();
        }
    }
}
