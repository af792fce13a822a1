package org.kpisuite.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

/** The measured phases: ingestion throughput (batches, single POSTs), freshness, reporting latency. */
final class LoadPhases {

    private static final long VISIBLE_TIMEOUT_SECONDS = 900;
    private static final int MAX_POLLERS = 8;

    private final Dataset data;
    private final BenchSettings settings;
    /** Answers of 500 and above (and failed connections) to single POSTs; each is retried, as a client would. */
    private final AtomicInteger serverErrors = new AtomicInteger();

    LoadPhases(Dataset data) {
        this.data = data;
        this.settings = data.settings;
    }

    /**
     * Every month of every fiscal year for every indicator, as JSON batches of {@code batchRows} rows sent by
     * {@code batchClients} clients at once: values per second accepted, and until reporting shows them all.
     */
    Map<String, Object> batches() throws Exception {
        List<String> rows = new ArrayList<>(settings.setupValues());
        for (int y = 0; y < data.fiscalYears.length; y++) {
            for (int m = 0; m < 12; m++) {
                for (int i = 0; i < settings.indicators(); i++) {
                    long value = Dataset.initialValue(i, y, m);
                    data.expected.set(i, y, m, value);
                    rows.add(data.row(i, y, m, value, null));
                }
            }
        }
        ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
        for (int from = 0; from < rows.size(); from += settings.batchRows()) {
            bodies.add("{\"rows\":[" + String.join(",", rows.subList(from, Math.min(rows.size(), from + settings.batchRows())))
                    + "]}");
        }
        int batches = bodies.size();
        Latencies perBatch = new Latencies();
        AtomicInteger created = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.batchClients());
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < settings.batchClients(); c++) {
                clients.add(pool.submit(() -> {
                    String body;
                    while ((body = bodies.poll()) != null) {
                        long t0 = System.nanoTime();
                        var answer = Dataset.check(data.client.post(data.endpoints.ingestion()
                                + "/api/v1/measurements/batch", body), "batch import");
                        perBatch.add(System.nanoTime() - t0);
                        created.addAndGet(answer.json(data.mapper).get("created").asInt());
                    }
                    return null;
                }));
            }
            for (Future<?> c : clients) {
                c.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long accepted = System.nanoTime();
        if (created.get() != rows.size()) {
            throw new IllegalStateException("batches created " + created.get() + " values, not " + rows.size());
        }
        long visible = data.awaitVisible(IntStream.range(0, data.fiscalYears.length).boxed().toList(), VISIBLE_TIMEOUT_SECONDS);
        Map<String, Object> result = throughput(rows.size(), start, accepted, visible);
        result.put("batches", batches);
        result.put("rowsPerBatch", settings.batchRows());
        result.put("concurrentClients", settings.batchClients());
        result.put("batchLatency", perBatch.summary());
        return result;
    }

    /**
     * Single POSTs (corrections with a reason, so each is a new revision) from one client per department, all at
     * once, each sending its next value as soon as the previous one is answered.
     */
    Map<String, Object> singles() throws Exception {
        int clients = Math.min(settings.departments(), settings.indicators());
        int perClient = Math.max(1, settings.singleValues() / clients);
        int year = data.lastYear();
        Latencies perPost = new Latencies();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int d = 0; d < clients; d++) {
                int department = d;
                futures.add(pool.submit(() -> {
                    List<Integer> own = IntStream.range(0, settings.indicators())
                            .filter(i -> i % settings.departments() == department).boxed().toList();
                    for (int k = 0; k < perClient; k++) {
                        int indicator = own.get(k % own.size());
                        int month = (k / own.size()) % 12;
                        post(indicator, year, month, perPost);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long accepted = System.nanoTime();
        long visible = data.awaitVisible(List.of(year), VISIBLE_TIMEOUT_SECONDS);
        Map<String, Object> result = throughput(perClient * clients, start, accepted, visible);
        result.put("concurrentDepartments", clients);
        result.put("postLatency", perPost.summary());
        result.put("serverErrorsRetried", serverErrors.getAndSet(0));
        return result;
    }

    /** Posts a correction (+1) and answers the indicator's yearly actual that reporting must show afterwards. */
    private long post(int indicator, int year, int month, Latencies perPost) {
        long[] next = data.expected.increment(indicator, year, month);
        String body = data.row(indicator, year, month, next[0], "bench correction");
        for (int attempt = 1; ; attempt++) {
            long t0 = System.nanoTime();
            SuiteClient.Answer answer;
            try {
                answer = data.client.post(data.endpoints.ingestion() + "/api/v1/measurements", body);
            } catch (IllegalStateException e) {
                answer = new SuiteClient.Answer(599, e.getMessage());
            }
            perPost.add(System.nanoTime() - t0);
            if (answer.status() < 500 || attempt == 5) {
                Dataset.check(answer, "POST measurement");
                return next[1];
            }
            serverErrors.incrementAndGet();
            Dataset.sleep(100L * attempt);
        }
    }

    /**
     * Values at a steady rate (open loop: the n-th is due at start + n / rate, whoever answers late); every
     * {@code freshnessSampleEvery}-th is followed by GET /api/v1/progress/{code} until it shows the new actual.
     */
    Map<String, Object> freshness() throws Exception {
        int rate = settings.freshnessRate();
        int total = rate * settings.freshnessSeconds();
        int year = data.lastYear();
        int fiscalYear = data.fiscalYears[year];
        Latencies freshness = new Latencies();
        Latencies perPost = new Latencies();
        AtomicInteger late = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        Semaphore pollers = new Semaphore(MAX_POLLERS);
        ExecutorService pool = Executors.newFixedThreadPool(96);
        List<Future<?>> futures = new ArrayList<>(total);
        AtomicInteger answered = new AtomicInteger();
        // Open loop, but bounded: more than 5 s of values waiting for an answer means the rate is not sustained.
        int maxOutstanding = rate * 5;
        boolean sustained = true;
        int issued = 0;
        long start = System.nanoTime();
        long behindMax = 0;
        try {
            for (int n = 0; n < total; n++) {
                if (n - answered.get() > maxOutstanding) {
                    sustained = false;
                    break;
                }
                issued++;
                long due = start + (long) n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else {
                    behindMax = Math.max(behindMax, -wait);
                }
                int indicator = n % settings.indicators();
                int month = (n / settings.indicators()) % 12;
                boolean sampled = n % settings.freshnessSampleEvery() == 0;
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    long actual = post(indicator, year, month, perPost);
                    answered.incrementAndGet();
                    // At most a few samples are polled at a time: pollers must not starve the service they measure.
                    if (sampled && pollers.tryAcquire()) {
                        try {
                            if (awaitActual(indicator, fiscalYear, actual, t0)) {
                                freshness.add(System.nanoTime() - t0);
                            } else {
                                late.incrementAndGet();
                            }
                        } finally {
                            pollers.release();
                        }
                    } else if (sampled) {
                        skipped.incrementAndGet();
                    }
                    return null;
                }));
            }
            long sent = System.nanoTime();
            for (Future<?> f : futures) {
                f.get();
            }
            long visible = data.awaitVisible(List.of(year), VISIBLE_TIMEOUT_SECONDS);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("targetRatePerSecond", rate);
            result.put("values", issued);
            result.put("sustained", sustained);
            result.put("achievedRatePerSecond", round(issued / seconds(start, sent)));
            result.put("schedulerBehindMaxMs", round(behindMax / 1e6));
            result.put("sampleEvery", settings.freshnessSampleEvery());
            result.put("pollIntervalMs", settings.freshnessPollMillis());
            result.put("freshness", freshness.summary());
            result.put("samplesNotVisibleWithin30s", late.get());
            result.put("samplesSkippedPollersBusy", skipped.get());
            result.put("postLatency", perPost.summary());
            result.put("serverErrorsRetried", serverErrors.getAndSet(0));
            result.put("allVisibleSecondsAfterLastPost", round(seconds(sent, visible)));
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until reporting shows the actual; the pause grows with the wait, so the resolution stays within 5 %. */
    private boolean awaitActual(int indicator, int fiscalYear, long actual, long postedAt) {
        String url = data.endpoints.reporting() + "/api/v1/progress/" + data.code(indicator) + "?fiscalYear=" + fiscalYear;
        BigDecimal wanted = BigDecimal.valueOf(actual);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var answer = data.client.get(url);
            if (answer.ok()) {
                JsonNode shown = answer.json(data.mapper).get("actual");
                // Later values of the same indicator only add to it: at or above means this one is in.
                if (shown != null && !shown.isNull() && shown.decimalValue().compareTo(wanted) >= 0) {
                    return true;
                }
            }
            Dataset.sleep(Math.max(settings.freshnessPollMillis(), (System.nanoTime() - postedAt) / 20_000_000));
        }
        return false;
    }

    /** GET /api/v1/progress?fiscalYear=… one request at a time, for each fiscal year, after a warm-up. */
    Map<String, Object> reporting() {
        Latencies all = new Latencies();
        Map<String, Object> perYear = new LinkedHashMap<>();
        for (int y = 0; y < data.fiscalYears.length; y++) {
            String url = data.endpoints.reporting() + "/api/v1/progress?fiscalYear=" + data.fiscalYears[y];
            for (int w = 0; w < 10; w++) {
                Dataset.check(data.client.get(url), "GET progress");
            }
            Latencies year = new Latencies();
            int entries = 0;
            for (int r = 0; r < settings.reportingRequests(); r++) {
                long t0 = System.nanoTime();
                var answer = Dataset.check(data.client.get(url), "GET progress");
                long took = System.nanoTime() - t0;
                year.add(took);
                all.add(took);
                entries = answer.body().split("\"indicatorCode\"", -1).length - 1;
            }
            Map<String, Object> summary = year.summary();
            summary.put("indicatorsInAnswer", entries);
            perYear.put("FY" + data.fiscalYears[y], summary);
        }
        Map<String, Object> result = new LinkedHashMap<>(all.summary());
        result.put("requestsPerYear", settings.reportingRequests());
        result.put("perFiscalYear", perYear);
        return result;
    }

    private static Map<String, Object> throughput(int values, long start, long accepted, long visible) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("values", values);
        result.put("acceptedSeconds", round(seconds(start, accepted)));
        result.put("acceptedPerSecond", round(values / seconds(start, accepted)));
        result.put("visibleSeconds", round(seconds(start, visible)));
        result.put("visiblePerSecond", round(values / seconds(start, visible)));
        return result;
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    static double round(double value) {
        return Latencies.round(value);
    }
}
