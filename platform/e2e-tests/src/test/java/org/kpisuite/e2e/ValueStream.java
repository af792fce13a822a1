package org.kpisuite.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A department's client posting monthly values one after another, as fast as ingestion answers, on a thread of
 * its own while a test injects a fault. Each value is sent until it is accepted (201, or 200 when an earlier
 * attempt had already stored it); a 503 is retried. Optionally every n-th submission is a correction (a second
 * revision, with a reason) of one of the client's earlier values. Every answer is kept, so that the test can check
 * that no client ever saw a 500 and that every accepted value reached reporting exactly once.
 */
final class ValueStream implements AutoCloseable {

    /** A value ingestion accepted (the revision it said it stored), in the order it was accepted. */
    record Accepted(String indicatorCode, String site, String month, BigDecimal value, String measurementId,
            int revision) {

        String key() {
            return indicatorCode + " " + month + " " + site;
        }
    }

    /** The breakdown values (sites) of the stream's indicators: each month has a value per site. */
    static final List<String> SITES = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "s" + i).toList();
    /** A small pause between values: a steady stream rather than a flood, on a machine shared with the suite. */
    private static final Duration PACE = Duration.ofMillis(20);

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final String ingestionUrl;
    private final String token;
    private final String department;
    private final List<String> codes;
    private final YearMonth firstMonth;
    private final int maxValues;
    private final int correctEvery;
    private final java.util.Deque<Accepted> uncorrected = new java.util.ArrayDeque<>();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private Thread thread;

    /** Values for the indicators in turn, site after site, month after month from {@code firstMonth}. */
    ValueStream(String ingestionUrl, String token, String department, List<String> codes, YearMonth firstMonth,
            int maxValues) {
        this(ingestionUrl, token, department, codes, firstMonth, maxValues, 0);
    }

    /** As above, and every {@code correctEvery}-th submission (0: none) corrects the oldest uncorrected value. */
    ValueStream(String ingestionUrl, String token, String department, List<String> codes, YearMonth firstMonth,
            int maxValues, int correctEvery) {
        this.ingestionUrl = ingestionUrl;
        this.token = token;
        this.department = department;
        this.codes = List.copyOf(codes);
        this.firstMonth = firstMonth;
        this.maxValues = maxValues;
        this.correctEvery = correctEvery;
    }

    ValueStream start() {
        thread = new Thread(this::run, "value-stream");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        int keys = 0;
        for (int i = 0; i < maxValues && !stopping; i++) {
            Accepted earlier = correctEvery > 0 && i % correctEvery == correctEvery - 1 ? uncorrected.poll() : null;
            if (earlier != null) {
                submit(earlier.indicatorCode(), earlier.site(), earlier.month(), earlier.value().add(BigDecimal.valueOf(1000)),
                        "recounted during the fault");
            } else {
                String code = codes.get(keys % codes.size());
                int j = keys / codes.size();
                String month = firstMonth.plusMonths(j / SITES.size()).toString();
                submit(code, SITES.get(j % SITES.size()), month, BigDecimal.valueOf(100 + i), null);
                keys++;
            }
            sleep(PACE);
        }
    }

    private void submit(String code, String site, String month, BigDecimal value, String reason) {
        String body = FaultChecks.submission(code, site, department, month, value, reason);
        while (true) {
            Response response;
            try {
                response = Requests.api(ingestionUrl, token).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/measurements");
            } catch (RuntimeException e) {
                wrongAnswers.add(month + " " + site + " " + code + ": no answer (" + e + ")");
                return;
            }
            int status = response.statusCode();
            synchronized (statuses) {
                statuses.merge(status, 1, Integer::sum);
            }
            if (status == 201 || status == 200) {
                Accepted told = new Accepted(code, site, month, value, response.path("id"), response.path("revision"));
                accepted.add(told);
                if (told.revision() == 1) {
                    uncorrected.add(told);
                }
                return;
            }
            if (status != 503) {
                wrongAnswers.add(month + " " + site + " " + code + ": HTTP " + status + " " + response.asString());
                return;
            }
            if (response.header("Retry-After") == null || !response.contentType().startsWith("application/problem+json")) {
                wrongAnswers.add(month + " " + site + " " + code + ": a 503 without Retry-After or problem+json: "
                        + response.headers() + " " + response.asString());
            }
            if (stopping) {
                return;
            }
            sleep(RETRY_PAUSE);
        }
    }

    /** Stops after the value being sent, and waits for it. */
    void stop() {
        stopping = true;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    int acceptedCount() {
        return accepted.size();
    }

    List<Accepted> accepted() {
        return new ArrayList<>(accepted);
    }

    /** How many answers of each HTTP status the client got. */
    Map<Integer, Integer> statuses() {
        synchronized (statuses) {
            return new TreeMap<>(statuses);
        }
    }

    int answers(int status) {
        return statuses().getOrDefault(status, 0);
    }

    /** Answers a client must never see: a 500, a 4xx for a valid value, a 503 without Retry-After. */
    List<String> wrongAnswers() {
        return List.copyOf(wrongAnswers);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
