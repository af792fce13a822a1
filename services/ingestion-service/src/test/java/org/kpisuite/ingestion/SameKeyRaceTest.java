package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Corrections of one value racing each other and a batch that writes the same value: every accepted submission is
 * a revision of its own, numbered 1, 2, 3… without gap or repeat, none lost, each answer naming its revision.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class SameKeyRaceTest {

    private static final int RACERS = 24;
    private static final String MONTH = "2024-05";

    @Test
    void concurrentCorrectionsOfOneKeyAndABatchLoseNothing() throws Exception {
        String code = Codes.unique("race");
        BatchIndicators.publish(code, List.of());
        String first = given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, MONTH, "1000", null))
                .post("/api/v1/measurements").then().statusCode(201).extract().path("id");

        ExecutorService pool = Executors.newFixedThreadPool(RACERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonPath>> racers = new ArrayList<>();
        try {
            for (int i = 0; i < RACERS; i++) {
                String value = String.valueOf(2000 + i);
                racers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON)
                            .body(BatchIndicators.row(code, null, MONTH, value, "recount " + value))
                            .post("/api/v1/measurements").then().statusCode(201).extract().jsonPath();
                }));
            }
            // The batch writes the same key (and two other months) in the middle of the race.
            Future<JsonPath> batch = pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).body(BatchIndicators.batch("ATOMIC", false, List.of(
                        BatchIndicators.row(code, null, "2024-04", "7", null),
                        BatchIndicators.row(code, null, MONTH, "9999", "batch recount"),
                        BatchIndicators.row(code, null, "2024-06", "8", null))))
                        .post("/api/v1/measurements/batch").then().statusCode(200).extract().jsonPath();
            });
            start.countDown();

            Map<Integer, String> answeredRevisions = new HashMap<>();
            for (Future<JsonPath> racer : racers) {
                JsonPath answer = racer.get();
                assertThat(answer.getString("outcome")).isEqualTo("CORRECTED");
                String previous = answeredRevisions.put(answer.getInt("revision"), answer.getString("value"));
                assertThat(previous).as("two answers with revision %d", answer.getInt("revision")).isNull();
            }
            JsonPath batchAnswer = batch.get();
            assertThat(batchAnswer.getInt("corrected")).isEqualTo(1);
            assertThat(batchAnswer.getInt("created")).isEqualTo(2);

            List<Map<String, Object>> history = given().get("/api/v1/measurements/{id}/history", first).then()
                    .statusCode(200).extract().jsonPath().getList("$");
            assertThat(history).hasSize(RACERS + 2);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).get("revision")).isEqualTo(i + 1);
                values.add(String.valueOf(history.get(i).get("value")));
            }
            assertThat(values.get(0)).isEqualTo("1000");
            // Every racer's value is in the history, at the revision its answer named.
            answeredRevisions.forEach((revision, value) -> assertThat(values.get(revision - 1)).isEqualTo(value));
            assertThat(values).contains("9999").doesNotHaveDuplicates();

            // Every revision's event is published, in revision order (the key is the indicator: one partition).
            List<Integer> published = new ArrayList<>();
            SuiteEvents.awaitRecord(Topics.MEASUREMENTS, r -> {
                if (code.equals(r.key())) {
                    MeasurementEvent event = read(r.value());
                    if (MONTH.equals(event.month())) {
                        published.add(event.revision());
                    }
                }
                return published.size() == RACERS + 2;
            }, Duration.ofSeconds(60));
            assertThat(published).isSorted().doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A batch of more keys than are locked one by one takes its indicator whole; single submissions of one of its
     * keys, racing it, still each make a revision of their own, and so does the batch.
     */
    @Test
    void singleSubmissionsRacingABatchThatLocksTheWholeIndicatorLoseNothing() throws Exception {
        String code = Codes.unique("wide");
        List<String> sites = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "w" + i).toList();
        BatchIndicators.publish(code, sites);
        // publish() created w0 / 2015-04 (value 1): the key every writer below corrects.
        List<String> rows = new ArrayList<>();
        for (int m = 0; m < 100; m++) {
            String month = java.time.YearMonth.of(2015, 4).plusMonths(m).toString();
            for (String site : sites) {
                boolean raced = m == 0 && site.equals("w0");
                rows.add(BatchIndicators.row(code, site, month, raced ? "777" : "5", raced ? "batch recount" : null));
            }
        }
        int singles = 8;
        ExecutorService pool = Executors.newFixedThreadPool(singles + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JsonPath>> racers = new ArrayList<>();
            for (int i = 0; i < singles; i++) {
                String value = String.valueOf(300 + i);
                racers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON)
                            .body(BatchIndicators.row(code, "w0", "2015-04", value, "recount " + value))
                            .post("/api/v1/measurements").then().statusCode(201).extract().jsonPath();
                }));
            }
            Future<JsonPath> batch = pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).body(BatchIndicators.batch("ATOMIC", false, rows))
                        .post("/api/v1/measurements/batch").then().statusCode(200).extract().jsonPath();
            });
            start.countDown();
            Map<Integer, String> answered = new HashMap<>();
            for (Future<JsonPath> racer : racers) {
                JsonPath answer = racer.get();
                assertThat(answered.put(answer.getInt("revision"), answer.getString("value"))).isNull();
            }
            assertThat(batch.get().getInt("corrected")).isEqualTo(1);
            assertThat(batch.get().getInt("created")).isEqualTo(rows.size() - 1);

            String id = racers.get(0).get().getString("id");
            List<Map<String, Object>> history = given().get("/api/v1/measurements/{id}/history", id).then()
                    .statusCode(200).extract().jsonPath().getList("$");
            assertThat(history).hasSize(singles + 2);
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).get("revision")).isEqualTo(i + 1);
            }
            answered.forEach((revision, value) ->
                    assertThat(String.valueOf(history.get(revision - 1).get("value"))).isEqualTo(value));
            assertThat(history).extracting(h -> String.valueOf(h.get("value"))).contains("1", "777");
        } finally {
            pool.shutdownNow();
        }
    }

    private MeasurementEvent read(String json) {
        return SuiteEvents.read(json, MeasurementEvent.class);
    }
}
