package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Single submissions arriving together are written in a few transactions, yet each gets its own answer: created,
 * unchanged, or its own problem naming its field; every stored value is published once. A submission that makes
 * its group's transaction fail fails alone.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class GroupCommitTest {

    private static final int NEW_VALUES = 40;

    @Inject
    DataSource dataSource;

    /** What a client sent and what it must get back. */
    private record Call(String body, String token, int status, String field) {
    }

    @Test
    void concurrentSubmissionsShareTransactionsAndEachGetsItsOwnAnswer() throws Exception {
        String code = Codes.unique("group");
        BatchIndicators.publish(code, List.of());
        given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, "2016-03", "5", null))
                .post("/api/v1/measurements").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"month\":\"2016-02\",\"indicatorCode\":\"" + code + "\"}")
                .post("/api/v1/periods/close").then().statusCode(201);

        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < NEW_VALUES; i++) {
            String month = YearMonth.of(2017, 4).plusMonths(i).toString();
            calls.add(new Call(BatchIndicators.row(code, null, month, String.valueOf(100 + i % 7), null), null, 201, null));
        }
        calls.add(new Call(BatchIndicators.row(code, null, "2016-03", "5", null), null, 200, null));
        calls.add(new Call(BatchIndicators.row(code, null, "2016-03", "6", null), null, 422, "reason"));
        calls.add(new Call(BatchIndicators.row(code, null, "2016-02", "6", null), null, 409, "month"));
        calls.add(new Call(BatchIndicators.row(code, null, "2016-01", "6", null).replace(code, "no-such-indicator"), null,
                422, "indicatorCode"));
        calls.add(new Call(BatchIndicators.row(code, null, "2016-01", "6", null).replace("\"digital-talent\"", "null"),
                Tokens.submitter("security"), 403, "indicatorCode"));

        List<Response> answers = concurrently(calls.stream().map(call -> (Callable<Response>) () ->
                (call.token() == null ? given() : given().spec(Tokens.as(call.token())))
                        .contentType(ContentType.JSON).body(call.body()).post("/api/v1/measurements")).toList());

        List<String> created = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Response answer = answers.get(i);
            assertThat(answer.statusCode()).as("answer to %s: %s", call.body(), answer.asString()).isEqualTo(call.status());
            if (call.status() == 201) {
                assertThat(answer.jsonPath().getString("outcome")).isEqualTo("CREATED");
                assertThat(answer.jsonPath().getInt("revision")).isEqualTo(1);
                assertThat(call.body()).contains("\"" + answer.jsonPath().getString("month") + "\"");
                created.add(answer.jsonPath().getString("id"));
            } else if (call.status() == 200) {
                assertThat(answer.jsonPath().getString("outcome")).isEqualTo("UNCHANGED");
            } else {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.jsonPath().getString("violations[0].field")).isEqualTo(call.field());
            }
        }
        assertThat(created).hasSize(NEW_VALUES).doesNotHaveDuplicates();

        // Fewer transactions than submissions: the new values share transaction ids.
        int transactions = count("select count(distinct xmin::text) from measurement where indicator_code = ? "
                + "and period >= '2017-04'", code);
        assertThat(transactions).isLessThan(NEW_VALUES);

        // Every stored value published exactly once; nothing left behind in the outbox.
        Map<String, Integer> published = new ConcurrentHashMap<>();
        SuiteEvents.awaitRecord(Topics.MEASUREMENTS, r -> {
            created.stream().filter(id -> r.value().contains(id)).forEach(id -> published.merge(id, 1, Integer::sum));
            return published.size() == created.size();
        }, Duration.ofSeconds(60));
        assertThat(published.values()).allMatch(n -> n == 1);
        assertThat(count("select count(*) from outbox_event where aggregateid = ?", code)).isZero();
    }

    @Test
    void aSubmissionThatFailsItsGroupFailsAloneAndTheOthersAreStored() throws Exception {
        String code = Codes.unique("poison");
        BatchIndicators.publish(code, List.of());
        // The database refuses the revisions of one subject (a trigger this test installs): its submission passes
        // every check and fails only in the group's insert.
        String poisonSubject = code + "@test";
        String poison = Tokens.forSubject(poisonSubject, LocalTokens.ADMIN, null);
        String trigger = "refuse_" + code.replaceAll("[^a-zA-Z0-9]", "_");
        execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "raise exception 'refused by the test'; end $$");
        execute("create trigger " + trigger + " before insert on measurement for each row when (new.recorded_by = '"
                + poisonSubject + "') execute function " + trigger + "()");
        try {
            poisonedGroups(code, poison);
        } finally {
            execute("drop trigger " + trigger + " on measurement");
            execute("drop function " + trigger + "()");
        }
    }

    private void poisonedGroups(String code, String poison) throws Exception {
        double retriesBefore = groupRetriesSoFar();

        // Until the poisoned submission has shared a group at least once (a few rounds at most; months stay past).
        for (int round = 0; round < 4 && groupRetriesSoFar() == retriesBefore; round++) {
            String poisonMonth = YearMonth.of(2018, 1).plusMonths(round).toString();
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String month = YearMonth.of(2019 + 2 * round, 4).plusMonths(i).toString();
                if (i == 10) {
                    calls.add(() -> given().spec(Tokens.as(poison)).contentType(ContentType.JSON)
                            .body(BatchIndicators.row(code, null, poisonMonth, "1", null)).post("/api/v1/measurements"));
                }
                calls.add(() -> given().contentType(ContentType.JSON)
                        .body(BatchIndicators.row(code, null, month, "3", null)).post("/api/v1/measurements"));
            }
            List<Response> answers = new ArrayList<>(concurrently(calls));

            Response poisoned = answers.remove(10);
            // Not the client's fault: a failure of the server, answered as a problem like any other.
            assertThat(poisoned.statusCode()).as(poisoned.asString()).isBetween(500, 599);
            assertThat(poisoned.contentType()).startsWith("application/problem+json");
            answers.forEach(a -> assertThat(a.statusCode()).as(a.asString()).isEqualTo(201));
            assertThat(count("select count(*) from measurement where indicator_code = ? and period = '" + poisonMonth + "'",
                    code)).isZero();
        }
        assertThat(groupRetries()).as("the poisoned submission never shared a group").isGreaterThan(retriesBefore);
    }

    /** The retries counted, which must be in the metrics. */
    private static double groupRetries() {
        return PrometheusText.value(metricsText(), "kpi_ingestion_group_commit_retries_total", Map.of());
    }

    /** The retries counted so far: none before the first (the counter appears with it). */
    private static double groupRetriesSoFar() {
        return PrometheusText.baseline(metricsText(), "kpi_ingestion_group_commit_retries_total", Map.of());
    }

    private static String metricsText() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static List<Response> concurrently(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String sql, String code) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
