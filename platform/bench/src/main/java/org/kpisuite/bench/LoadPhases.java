package org.kpisuite.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.kpisuite.devstack.SuiteServices;

import com.fasterxml.jackson.databind.JsonNode;

/** The measured phases: ingestion throughput (batches, single POSTs), freshness, reporting latency. */
final class LoadPhases {

    private static final long VISIBLE_TIMEOUT_SECONDS = 900;
    /** How long after the last value of the freshness stream its samples may still become visible. */
    private static final long SAMPLE_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** GET /api/v1/progress during the stream: one at a time, at most this often. */
    private static final int WARM_UP_REQUESTS = 5;
    private static final long PROGRESS_DURING_STREAM_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Dataset data;
    private final BenchSettings settings;
    private final Visibility visibility;
    private final ServerTimes server;
    /** Answers of 500 and above (and failed connections) to single POSTs; each is retried, as a client would. */
    private final AtomicInteger serverErrors = new AtomicInteger();

    LoadPhases(Dataset data, ServerTimes server) {
        this.data = data;
        this.settings = data.settings;
        this.visibility = new Visibility(data);
        this.server = server;
    }

    /**
     * Every month of every fiscal year of indicators {@code from … to − 1}, as JSON batches of {@code batchRows}
     * rows sent by {@code batchClients} clients at once, each for its own departments' indicators (as departments
     * do: never the same indicator): values per second accepted, and until reporting shows them all. With a
     * reason, the values are corrections (one more than the value in force) instead of first values.
     */
    Map<String, Object> batches(int from, int to, String reason) throws Exception {
        int clients = settings.batchClients();
        List<Queue<String>> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<String> rows = new ArrayList<>();
            for (int y = 0; y < data.fiscalYears.length; y++) {
                for (int m = 0; m < 12; m++) {
                    for (int i = from; i < to; i++) {
                        if (settings.clientOf(i, clients) == c) {
                            long value = reason == null ? Dataset.initialValue(i, y, m) : data.expected.next(i, y, m);
                            if (reason == null) {
                                data.expected.set(i, y, m, value);
                            } else {
                                // One correction per month in a load: it is the next revision.
                                data.expected.corrected(i, y, m, value);
                            }
                            rows.add(data.row(i, y, m, value, reason));
                        }
                    }
                }
            }
            Queue<String> bodies = new ConcurrentLinkedQueue<>();
            for (int r = 0; r < rows.size(); r += settings.batchRows()) {
                bodies.add("{\"rows\":[" + String.join(",", rows.subList(r, Math.min(rows.size(), r + settings.batchRows())))
                        + "]}");
            }
            perClient.add(bodies);
        }
        int values = (to - from) * data.fiscalYears.length * 12;
        int batches = perClient.stream().mapToInt(Queue::size).sum();
        Latencies perBatch = new Latencies();
        AtomicInteger stored = new AtomicInteger();
        double baseline = visibility.measurementsConsumed();
        ServerTimes.Mark mark = server.mark();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Queue<String> bodies : perClient) {
                futures.add(pool.submit(() -> {
                    String body;
                    while ((body = bodies.poll()) != null) {
                        stored.addAndGet(postBatch(body, perBatch));
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
        ServerTimes.Mark acceptedMark = server.mark();
        if (stored.get() != values) {
            throw new IllegalStateException("batches stored " + stored.get() + " values, not " + values);
        }
        Visibility.Outcome visible = visibility.await(baseline, values,
                IntStream.range(0, data.fiscalYears.length).boxed().toList(), VISIBLE_TIMEOUT_SECONDS);
        Map<String, Object> result = throughput(values, start, accepted, visible);
        result.put("indicators", to - from);
        result.put("batches", batches);
        result.put("rowsPerBatch", settings.batchRows());
        result.put("concurrentClients", clients);
        result.put("batchLatency", perBatch.summary());
        result.put("batchLatencyServerSide", serverSide(SuiteServices.INGESTION, mark, acceptedMark, "POST",
                "/api/v1/measurements/batch"));
        result.put("serverErrorsRetried", serverErrors.getAndSet(0));
        return result;
    }

    /**
     * Single POSTs (corrections with a reason, so each is a new revision) from one client per department, all at
     * once, each sending its next value as soon as the previous one is answered: {@code singleValues} in all, or
     * as many as {@code singleSeconds} allow.
     */
    Map<String, Object> singles() throws Exception {
        int clients = Math.min(settings.departments(), data.active());
        int perClient = Math.max(1, settings.singleValues() / clients);
        int year = data.lastYear();
        Latencies perPost = new Latencies();
        AtomicInteger sent = new AtomicInteger();
        double baseline = visibility.measurementsConsumed();
        ServerTimes.Mark mark = server.mark();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(settings.singleSeconds());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int d = 0; d < clients; d++) {
                int department = d;
                futures.add(pool.submit(() -> {
                    List<Integer> own = IntStream.range(0, data.active())
                            .filter(i -> i % settings.departments() == department).boxed().toList();
                    for (int k = 0; k < perClient && System.nanoTime() < deadline; k++) {
                        post(own.get(k % own.size()), year, (k / own.size()) % 12, perPost);
                        sent.incrementAndGet();
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
        ServerTimes.Mark acceptedMark = server.mark();
        int values = sent.get();
        Visibility.Outcome visible = visibility.await(baseline, values, List.of(year), VISIBLE_TIMEOUT_SECONDS);
        Map<String, Object> result = throughput(values, start, accepted, visible);
        result.put("plannedValues", perClient * clients);
        result.put("stoppedByTimeLimit", values < perClient * clients);
        result.put("concurrentDepartments", clients);
        result.put("postLatency", perPost.summary());
        result.put("postLatencyServerSide", serverSide(SuiteServices.INGESTION, mark, acceptedMark, "POST",
                "/api/v1/measurements"));
        result.put("serverErrorsRetried", serverErrors.getAndSet(0));
        return result;
    }

    /**
     * Posts one batch; answers how many of its values are stored. A connection that breaks before the answer leaves
     * it unknown whether the batch was stored, so it is sent again (a batch is idempotent): a resend that finds its
     * values stored answers them as unchanged, and they count as stored too.
     */
    private int postBatch(String body, Latencies perBatch) {
        for (int attempt = 1; ; attempt++) {
            SuiteClient.Answer answer = postToIngestion("/api/v1/measurements/batch", body, perBatch);
            if (answer.status() < 500 || attempt == 3) {
                JsonNode summary = Dataset.check(answer, "batch import").json(data.mapper);
                return summary.get("created").asInt() + summary.path("corrected").asInt()
                        + (attempt > 1 ? summary.path("unchanged").asInt() : 0);
            }
            serverErrors.incrementAndGet();
            System.out.println("[bench] batch import: HTTP " + answer.status() + " " + answer.body() + "; sending it again");
            Dataset.sleep(200L * attempt);
        }
    }

    /** Posts a correction (+1) of one month; answers the revision ingestion stored it as. */
    private int post(int indicator, int year, int month, Latencies perPost) {
        long value = data.expected.next(indicator, year, month);
        String body = data.row(indicator, year, month, value, "bench correction");
        for (int attempt = 1; ; attempt++) {
            SuiteClient.Answer answer = postToIngestion("/api/v1/measurements", body, perPost);
            if (answer.status() < 500 || attempt == 5) {
                if (answer.status() != 201) {
                    throw new IllegalStateException("POST measurement: HTTP " + answer.status() + " " + answer.body()
                            + " (a correction must be stored as a new revision)");
                }
                int revision = answer.json(data.mapper).get("revision").asInt();
                data.expected.answered(indicator, year, month, revision, value);
                return revision;
            }
            serverErrors.incrementAndGet();
            Dataset.sleep(100L * attempt);
        }
    }

    /** A POST to ingestion, timed; a connection that broke reads as a 599 answer, to be retried as a 5xx is. */
    private SuiteClient.Answer postToIngestion(String path, String body, Latencies latencies) {
        long t0 = System.nanoTime();
        SuiteClient.Answer answer;
        try {
            answer = data.client.post(data.endpoints.ingestion() + path, body);
        } catch (IllegalStateException e) {
            answer = new SuiteClient.Answer(599, e.getMessage());
        }
        latencies.add(System.nanoTime() - t0);
        return answer;
    }

    /** One freshness sample: a value of a probe indicator, due at a time fixed by the schedule. */
    private static final class Sample {
        final int probe;
        final String month;
        final long dueNanos;
        /** The revision ingestion stored it as; 0 until it answered. */
        volatile int revision;

        Sample(int probe, String month, long dueNanos) {
            this.probe = probe;
            this.month = month;
            this.dueNanos = dueNanos;
        }
    }

    /**
     * {@code freshnessRate} values/s for {@code freshnessSeconds} s, open loop (the n-th is due at start + n / rate,
     * whoever answers late). Every {@code freshnessSampleEvery}-th value is a sample: it goes to one of
     * {@code freshnessProbes} probe indicators, and its clock starts when it was due. One watcher asks reporting's
     * fact export for the probes' months every {@code freshnessPollMillis} ms (a dozen rows each): a sample is
     * visible once the month shows its revision or a later one. Meanwhile {@code GET /api/v1/progress} runs one
     * at a time, at most four a second.
     */
    Map<String, Object> freshness() throws Exception {
        int rate = settings.freshnessRate();
        int total = rate * settings.freshnessSeconds();
        int year = data.lastYear();
        int fiscalYear = data.fiscalYears[year];
        int probes = Math.max(1, Math.min(settings.freshnessProbes(), data.active() - 1));
        int others = data.active() - probes;
        Latencies perPost = new Latencies();
        Latencies progressDuring = new Latencies();
        Queue<Sample> outstanding = new ConcurrentLinkedQueue<>();
        List<Sample> samples = new ArrayList<>();
        Map<Sample, Long> visibleAt = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(96);
        int maxOutstanding = rate * 5; // open loop, but bounded: 5 s of values waiting for an answer is not sustained
        boolean sustained = true;
        int issued = 0;
        double baseline = visibility.measurementsConsumed();
        ServerTimes.Mark mark = server.mark();
        long start = System.nanoTime();
        Thread watcher = new Thread(() -> watch(outstanding, visibleAt, sending, probes, fiscalYear), "bench-freshness-watch");
        Thread reader = new Thread(() -> readProgressWhile(sending, progressDuring), "bench-progress-during-stream");
        watcher.start();
        reader.start();
        long behindMax = 0;
        long issuing;
        long sent;
        ServerTimes.Mark sentMark;
        try {
            List<Future<?>> futures = new ArrayList<>(total);
            for (int n = 0; n < total; n++) {
                if (issued - answered.get() > maxOutstanding) {
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
                Sample sample = null;
                int indicator;
                int month;
                if (n % settings.freshnessSampleEvery() == 0) {
                    int s = n / settings.freshnessSampleEvery();
                    indicator = s % probes;
                    month = (s / probes) % 12;
                    sample = new Sample(indicator, data.month(year, month), due);
                    samples.add(sample);
                    outstanding.add(sample);
                } else {
                    indicator = probes + n % others;
                    month = (n / others) % 12;
                }
                Sample mine = sample;
                futures.add(pool.submit(() -> {
                    int revision = post(indicator, year, month, perPost);
                    answered.incrementAndGet();
                    if (mine != null) {
                        mine.revision = revision;
                    }
                    return null;
                }));
            }
            issuing = System.nanoTime();
            for (Future<?> f : futures) {
                f.get();
            }
            sent = System.nanoTime();
            sentMark = server.mark();
        } finally {
            sending.set(false);
            pool.shutdownNow();
            watcher.join(TimeUnit.NANOSECONDS.toMillis(SAMPLE_DRAIN_NANOS) + 10_000);
            reader.join(30_000);
        }
        Latencies freshness = new Latencies();
        for (Sample s : samples) {
            Long at = visibleAt.get(s);
            if (at == null) {
                freshness.addMissing();
            } else {
                freshness.add(at - s.dueNanos);
            }
        }
        Visibility.Outcome visible = visibility.await(baseline, issued, List.of(year), VISIBLE_TIMEOUT_SECONDS);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("targetRatePerSecond", rate);
        result.put("scheduledValues", total);
        result.put("values", issued);
        result.put("sustained", sustained);
        result.put("issuedForSeconds", round(seconds(start, issuing)));
        result.put("achievedRatePerSecond", round(issued / seconds(start, sent)));
        result.put("schedulerBehindMaxMs", round(behindMax / 1e6));
        result.put("sampleEvery", settings.freshnessSampleEvery());
        result.put("probeIndicators", probes);
        result.put("pollIntervalMs", settings.freshnessPollMillis());
        result.put("freshness", freshness.summary());
        result.put("samplesNotVisibleWithinDrain", freshness.count() - visibleAt.size());
        result.put("postLatency", perPost.summary());
        result.put("postLatencyServerSide", serverSide(SuiteServices.INGESTION, mark, sentMark, "POST", "/api/v1/measurements"));
        result.put("progressDuringStream", progressDuring.summary());
        result.put("progressDuringStreamServerSide", serverSide(SuiteServices.REPORTING, mark, sentMark, "GET",
                "/api/v1/progress"));
        result.put("watcherServerSide", serverSide(SuiteServices.REPORTING, mark, sentMark, "GET", "/api/v1/exports/facts"));
        result.put("serverErrorsRetried", serverErrors.getAndSet(0));
        result.put("allVisibleSecondsAfterLastPost", round(seconds(sent, visible.visibleAtNanos())));
        result.put("visibility", visible.summary());
        return result;
    }

    /** The freshness watcher: one fact-export request per probe with samples waiting, every poll interval. */
    private void watch(Queue<Sample> outstanding, Map<Sample, Long> visibleAt, AtomicBoolean sending, int probes,
            int fiscalYear) {
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            if (!sending.get() && drainDeadline == Long.MAX_VALUE) {
                drainDeadline = System.nanoTime() + SAMPLE_DRAIN_NANOS;
            }
            if ((!sending.get() && outstanding.isEmpty()) || System.nanoTime() > drainDeadline) {
                return;
            }
            boolean[] wanted = new boolean[probes];
            outstanding.forEach(s -> wanted[s.probe] |= s.revision > 0);
            for (int p = 0; p < probes; p++) {
                if (!wanted[p]) {
                    continue;
                }
                Map<String, Integer> shown = factRevisions(p, fiscalYear);
                long now = System.nanoTime();
                int probe = p;
                outstanding.removeIf(s -> {
                    boolean seen = s.probe == probe && s.revision > 0 && shown.getOrDefault(s.month, 0) >= s.revision;
                    if (seen) {
                        visibleAt.put(s, now);
                    }
                    return seen;
                });
            }
            Dataset.sleep(settings.freshnessPollMillis());
        }
    }

    /** Month → revision in force of a probe indicator, from reporting's fact export (one row per month). */
    private Map<String, Integer> factRevisions(int probe, int fiscalYear) {
        Map<String, Integer> revisions = new HashMap<>();
        var answer = data.client.get(data.endpoints.reporting() + "/api/v1/exports/facts?format=json&limit=100&fiscalYear="
                + fiscalYear + "&indicatorCode=" + data.code(probe));
        if (answer.ok()) {
            for (JsonNode row : answer.json(data.mapper).path("items")) {
                revisions.merge(row.get("month").asText(), row.get("revision").asInt(), Math::max);
            }
        }
        return revisions;
    }

    /** GET /api/v1/progress of each fiscal year in turn while the stream runs (bounded by the stream's end). */
    private void readProgressWhile(AtomicBoolean sending, Latencies latencies) {
        for (int r = 0; sending.get(); r++) {
            long t0 = System.nanoTime();
            var answer = data.client.get(data.endpoints.reporting() + "/api/v1/progress?fiscalYear="
                    + data.fiscalYears[r % data.fiscalYears.length]);
            long took = System.nanoTime() - t0;
            if (answer.ok()) {
                latencies.add(took);
            }
            long pause = PROGRESS_DURING_STREAM_EVERY_NANOS - took;
            if (pause > 0) {
                Dataset.sleep(TimeUnit.NANOSECONDS.toMillis(pause));
            }
        }
    }

    /**
     * GET /api/v1/progress?fiscalYear=… one request at a time, for each fiscal year, after 5 warm-up requests: client-side
     * and server-side latency.
     */
    Map<String, Object> reporting(int requestsPerYear) {
        Latencies all = new Latencies();
        Latencies serverAll = new Latencies();
        Map<String, Object> perYear = new LinkedHashMap<>();
        for (int y = 0; y < data.fiscalYears.length; y++) {
            String url = data.endpoints.reporting() + "/api/v1/progress?fiscalYear=" + data.fiscalYears[y];
            for (int w = 0; w < WARM_UP_REQUESTS; w++) {
                Dataset.check(data.client.get(url), "GET progress");
            }
            ServerTimes.Mark mark = server.mark();
            Latencies year = new Latencies();
            int entries = 0;
            for (int r = 0; r < requestsPerYear; r++) {
                long t0 = System.nanoTime();
                var answer = Dataset.check(data.client.get(url), "GET progress");
                long took = System.nanoTime() - t0;
                year.add(took);
                all.add(took);
                entries = answer.body().split("\"indicatorCode\"", -1).length - 1;
            }
            if (server.available()) {
                serverAll.addAll(server.between(SuiteServices.REPORTING.name(), mark, server.mark(), "GET",
                        "/api/v1/progress"));
            }
            Map<String, Object> summary = year.summary();
            summary.put("indicatorsInAnswer", entries);
            perYear.put("FY" + data.fiscalYears[y], summary);
        }
        Map<String, Object> result = new LinkedHashMap<>(all.summary());
        result.put("indicators", data.active());
        result.put("requestsPerYear", requestsPerYear);
        result.put("serverSide", server.available() ? serverAll.summary() : Map.of());
        result.put("perFiscalYear", perYear);
        return result;
    }

    private Map<String, Object> serverSide(SuiteServices.ServiceSpec service, ServerTimes.Mark from, ServerTimes.Mark to,
            String method, String path) {
        return server.available() ? server.between(service.name(), from, to, method, path).summary() : Map.of();
    }

    private static Map<String, Object> throughput(int values, long start, long accepted, Visibility.Outcome visible) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("values", values);
        result.put("acceptedSeconds", round(seconds(start, accepted)));
        result.put("acceptedPerSecond", round(values / seconds(start, accepted)));
        result.put("visibleSeconds", round(seconds(start, visible.visibleAtNanos())));
        result.put("visiblePerSecond", round(values / seconds(start, visible.visibleAtNanos())));
        result.put("visibility", visible.summary());
        return result;
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    static double round(double value) {
        return Latencies.round(value);
    }
}
