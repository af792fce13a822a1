package org.kpisuite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readable summary: each goal of the issue with the figure measured, MET / NOT MET (or NOT MEASURED when
 * the run was too small to say), the reference of the same run and the ratio to it; then the other figures.
 */
final class SummaryTable {

    static final double GOAL_BATCH_SHARE_OF_JDBC = 0.5;
    static final double GOAL_SINGLE_PER_SECOND = 5_000;
    static final double GOAL_FRESHNESS_P99_MS = 100;
    static final int MIN_FRESHNESS_SAMPLES = 1_000;
    static final double GOAL_PROGRESS_P99_MS = 20;
    static final double GOAL_REBUILD_SECONDS = 60;
    static final long GOAL_REBUILD_EVENTS = 1_000_000;
    static final double GOAL_RSS_MB = 300;
    /** The bound on a whole {@code make bench} run. */
    static final double MAX_BENCH_SECONDS = 20 * 60;

    /** One row of a table. */
    private record Row(String figure, String measured, String goal, String verdict, String reference, String ratio) {

        String[] cells() {
            return new String[] { figure, measured, goal, verdict, reference, ratio };
        }
    }

    private SummaryTable() {
    }

    static String of(Map<String, Object> result) {
        BenchSettings s = (BenchSettings) result.get("settings");
        List<Row> goals = new ArrayList<>();
        goals.add(new Row("figure", "measured", "goal", "verdict", "reference (same run, idle suite)", "ratio"));

        double jdbcRows = num(result, "reference", "jdbc", "insertRowsPerSecond");
        double batchVisible = num(result, "ingestion", "batches", "visiblePerSecond");
        goals.add(new Row("%,d-row batches from %d clients, visible in reporting (values/s)".formatted(s.batchRows(),
                s.batchClients()), fmt(batchVisible), "≥ 50 % of raw JDBC",
                verdict(verified(result, "ingestion", "batches") && batchVisible >= GOAL_BATCH_SHARE_OF_JDBC * jdbcRows),
                "raw JDBC %s rows/s (%d connections)".formatted(fmt(jdbcRows), s.batchClients()),
                percent(batchVisible / jdbcRows)));

        double kafkaMsgs = num(result, "reference", "kafka", "throughput", "messagesPerSecond");
        double singleVisible = num(result, "ingestion", "singlePosts", "visiblePerSecond");
        goals.add(new Row("single POSTs from %d departments, visible (values/s)".formatted(
                (int) num(result, "ingestion", "singlePosts", "concurrentDepartments")), fmt(singleVisible),
                "≥ " + fmt(GOAL_SINGLE_PER_SECOND),
                verdict(verified(result, "ingestion", "singlePosts") && singleVisible >= GOAL_SINGLE_PER_SECOND),
                "raw Kafka %s msg/s".formatted(fmt(kafkaMsgs)), percent(singleVisible / kafkaMsgs)));

        double freshP99 = num(result, "freshness", "freshness", "p99Ms");
        double samples = num(result, "freshness", "freshness", "samples");
        boolean sustained = Boolean.TRUE.equals(get(result, "freshness", "sustained"));
        double kafkaP99 = num(result, "reference", "kafka", "latencyAtFreshnessRate", "latency", "p99Ms");
        goals.add(new Row("freshness at %d values/s for %d s: p50 / p99 / max (ms)".formatted(s.freshnessRate(),
                s.freshnessSeconds()), "%s / %s / %s".formatted(ms(num(result, "freshness", "freshness", "p50Ms")),
                        ms(freshP99), ms(num(result, "freshness", "freshness", "maxMs"))),
                "p99 ≤ " + fmt(GOAL_FRESHNESS_P99_MS),
                !sustained || freshP99 > GOAL_FRESHNESS_P99_MS ? "NOT MET"
                        : samples < MIN_FRESHNESS_SAMPLES ? "NOT MEASURED (%d samples < %,d)".formatted((int) samples,
                                MIN_FRESHNESS_SAMPLES) : "MET",
                "raw Kafka produce→consume p99 " + ms(kafkaP99) + " ms", times(freshP99, kafkaP99)));

        double idleP99 = num(result, "reporting", "serverSide", "p99Ms");
        double streamP99 = num(result, "freshness", "progressDuringStreamServerSide", "p99Ms");
        double sqlP99 = num(result, "reference", "jdbc", "valuesQuery", "p99Ms");
        goals.add(new Row("GET /api/v1/progress, %,d indicators × %d fiscal years, server-side p99 idle / during the stream (ms)"
                .formatted((int) num(result, "reporting", "indicators"), s.fiscalYears()),
                "%s / %s".formatted(ms(idleP99), ms(streamP99)), "≤ " + fmt(GOAL_PROGRESS_P99_MS) + " both",
                Double.isNaN(idleP99) || Double.isNaN(streamP99) ? "NOT MEASURED"
                        : verdict(idleP99 <= GOAL_PROGRESS_P99_MS && streamP99 <= GOAL_PROGRESS_P99_MS),
                "raw SQL of its values p99 " + ms(sqlP99) + " ms", times(idleP99, sqlP99) + " / " + times(streamP99, sqlP99)));

        double rebuildSeconds = num(result, "rebuild", "seconds");
        double rebuildEvents = num(result, "rebuild", "measurementEvents");
        boolean identical = Boolean.TRUE.equals(get(result, "rebuild", "progressIdentical"));
        double spurious = num(result, "rebuild", "statusEventsDuringRebuild");
        boolean completed = Boolean.TRUE.equals(get(result, "rebuild", "completed"));
        boolean rebuildOk = completed && identical && spurious == 0 && rebuildSeconds <= GOAL_REBUILD_SECONDS;
        String took = completed ? fmt1(rebuildSeconds) + " s" : "> %s s (%s applied)".formatted(fmt1(rebuildSeconds),
                fmt(num(result, "rebuild", "eventsReplayed")));
        goals.add(new Row("rebuild of %,d measurement events: s, progress identical, status events published".formatted(
                (long) rebuildEvents), "%s, %s, %s".formatted(took, !completed ? "not compared"
                        : identical ? "identical" : "DIFFERENT", fmt(spurious)), "≤ 60 s for 1,000,000, identical, 0",
                !rebuildOk ? "NOT MET" : rebuildEvents >= GOAL_REBUILD_EVENTS ? "MET"
                        : "NOT MEASURED at 1,000,000 (BENCH_SCALE=quick)", "", ""));

        double rss = num(result, "memory", "maxRssMb");
        goals.add(new Row("memory: largest RSS of a service process under load (MB)", fmt(rss) + " (" + largestService(result)
                + ")", "≤ " + fmt(GOAL_RSS_MB) + " each", Double.isNaN(rss) || rss < 0 ? "NOT MEASURED"
                        : verdict(rss <= GOAL_RSS_MB), "", ""));

        StringBuilder out = new StringBuilder();
        table(out, goals);
        out.append('\n');
        List<Row> scale = new ArrayList<>();
        scale.add(new Row("scale point", "measured", "", "", "", ""));
        scalePoints(result, scale);
        table(out, scale);
        out.append('\n');
        details(out, result, s);
        return out.toString();
    }

    private static void scalePoints(Map<String, Object> result, List<Row> rows) {
        if (get(result, "scale", "progress") instanceof List<?> points) {
            for (Object p : points) {
                Map<?, ?> point = (Map<?, ?>) p;
                rows.add(new Row("GET /api/v1/progress at %,d indicators: server-side p50 / p99, client-side p99 (ms)"
                        .formatted(((Number) point.get("indicators")).intValue()),
                        "%s / %s, %s".formatted(ms(num(point, "serverSide", "p50Ms")), ms(num(point, "serverSide", "p99Ms")),
                                ms(num(point, "p99Ms"))), "", "", "", ""));
            }
        }
        if (get(result, "scale", "ingestion") instanceof List<?> points) {
            for (Object p : points) {
                Map<?, ?> point = (Map<?, ?>) p;
                rows.add(new Row("ingestion of %,d values in batches (%s): visible values/s".formatted(
                        ((Number) point.get("values")).longValue(), point.get("what")),
                        fmt(num(point, "visiblePerSecond")), "", "", "", ""));
            }
        }
        rows.add(new Row("rebuild of %,d measurement events: seconds (events/s)".formatted(
                (long) num(result, "rebuild", "measurementEvents")), "%s (%s)".formatted(fmt1(num(result, "rebuild", "seconds")),
                        fmt(num(result, "rebuild", "measurementEventsPerSecond"))), "", "", "", ""));
    }

    private static void details(StringBuilder out, Map<String, Object> result, BenchSettings s) {
        if (!Boolean.TRUE.equals(get(result, "freshness", "sustained"))) {
            out.append("freshness: the rate was NOT sustained: stopped after %s of %s values, once 5 s of values waited for an answer\n"
                    .formatted(fmt(num(result, "freshness", "values")), fmt(num(result, "freshness", "scheduledValues"))));
        }
        out.append(("freshness: %s values/s answered (sent ÷ time until the last answer); %s samples (every %d-th value, to %d probe indicator(s), their "
                + "months watched every %d ms through the fact export), %s never seen within 60 s of the stream's end "
                + "(counted as slower than any other)\n").formatted(fmt(num(result, "freshness", "achievedRatePerSecond")),
                fmt(num(result, "freshness", "freshness", "samples")), s.freshnessSampleEvery(),
                (int) num(result, "freshness", "probeIndicators"), s.freshnessPollMillis(),
                fmt(num(result, "freshness", "samplesNotVisibleWithinDrain"))));
        out.append("accepted (answered) values/s: batches %s, single POSTs %s; visibility verified exactly: batches %s, singles %s, freshness %s\n"
                .formatted(fmt(num(result, "ingestion", "batches", "acceptedPerSecond")),
                        fmt(num(result, "ingestion", "singlePosts", "acceptedPerSecond")),
                        verified(result, "ingestion", "batches"), verified(result, "ingestion", "singlePosts"),
                        verified(result, "freshness")));
        out.append("latency client / server-side p50 · p99 (ms): batch of %,d %s · %s / %s · %s; single POST %s · %s / %s · %s; "
                .formatted(s.batchRows(), ms(num(result, "ingestion", "batches", "batchLatency", "p50Ms")),
                        ms(num(result, "ingestion", "batches", "batchLatency", "p99Ms")),
                        ms(num(result, "ingestion", "batches", "batchLatencyServerSide", "p50Ms")),
                        ms(num(result, "ingestion", "batches", "batchLatencyServerSide", "p99Ms")),
                        ms(num(result, "ingestion", "singlePosts", "postLatency", "p50Ms")),
                        ms(num(result, "ingestion", "singlePosts", "postLatency", "p99Ms")),
                        ms(num(result, "ingestion", "singlePosts", "postLatencyServerSide", "p50Ms")),
                        ms(num(result, "ingestion", "singlePosts", "postLatencyServerSide", "p99Ms"))));
        out.append("GET /api/v1/progress idle %s · %s / %s · %s, during the stream %s · %s / %s · %s\n".formatted(
                ms(num(result, "reporting", "p50Ms")), ms(num(result, "reporting", "p99Ms")),
                ms(num(result, "reporting", "serverSide", "p50Ms")), ms(num(result, "reporting", "serverSide", "p99Ms")),
                ms(num(result, "freshness", "progressDuringStream", "p50Ms")),
                ms(num(result, "freshness", "progressDuringStream", "p99Ms")),
                ms(num(result, "freshness", "progressDuringStreamServerSide", "p50Ms")),
                ms(num(result, "freshness", "progressDuringStreamServerSide", "p99Ms"))));
        out.append("RSS max per service (MB): ");
        if (get(result, "memory", "perService") instanceof Map<?, ?> perService) {
            perService.forEach((service, peak) -> out.append("%s %s (%s); ".formatted(service,
                    fmt(num((Map<?, ?>) peak, "maxRssMb")), ((Map<?, ?>) peak).get("phase"))));
        }
        out.append('\n');
        out.append(("inside the services: ingestion single POST mean %s ms (written in %s groups of %s submissions, "
                + "%s ms a group's write), batch POST mean %s ms; reporting applied %s "
                + "measurement events in %s transactions (%s per poll, mean %s ms each, %s s in all), progress "
                + "recalculation mean %s ms for %s indicator-years a pass, from a poll's commit to its progress mean %s ms, "
                + "max %s ms\n").formatted(
                ms(num(result, "whereTheTimeGoes", "ingestionSinglePostMeanMs")),
                fmt(num(result, "whereTheTimeGoes", "singleGroups")),
                fmt1(num(result, "whereTheTimeGoes", "submissionsPerGroup")),
                ms(num(result, "whereTheTimeGoes", "groupWriteMeanMs")),
                ms(num(result, "whereTheTimeGoes", "ingestionBatchPostMeanMs")),
                fmt(num(result, "whereTheTimeGoes", "reportingMeasurementEvents")),
                fmt(num(result, "whereTheTimeGoes", "reportingMeasurementTransactions")),
                ms(num(result, "whereTheTimeGoes", "reportingEventsPerTransaction")),
                ms(num(result, "whereTheTimeGoes", "reportingTransactionMeanMs")),
                ms(num(result, "whereTheTimeGoes", "reportingConsumerBusySeconds")),
                ms(num(result, "whereTheTimeGoes", "progressRefreshMeanMs")),
                ms(num(result, "whereTheTimeGoes", "indicatorYearsPerRefresh")),
                ms(num(result, "whereTheTimeGoes", "progressLagMeanMs")),
                ms(num(result, "whereTheTimeGoes", "progressLagMaxMs"))));
        // Where the CPU went: on two cores, a phase whose processes add up to about 2 kept both busy throughout.
        if (result.get("cpu") instanceof List<?> phases && !phases.isEmpty()) {
            out.append("CPU per phase, cores used (from /proc; the machine has %s):\n".formatted(
                    num(result, "machine", "availableProcessors") > 0 ? fmt(num(result, "machine", "availableProcessors")) : "?"));
            for (Object p : phases) {
                Map<?, ?> phase = (Map<?, ?>) p;
                StringBuilder cores = new StringBuilder();
                ((Map<?, ?>) phase.get("cores")).forEach((process, used) -> cores.append(cores.isEmpty() ? "" : ", ")
                        .append(process).append(' ').append(fmt2(((Number) used).doubleValue())));
                out.append("  %s (%s s): %s; total %s\n".formatted(phase.get("phase"), fmt(num(phase, "seconds")), cores,
                        fmt2(num(phase, "total"))));
            }
        }
        double total = num(result, "totalSeconds");
        out.append("PostgreSQL synchronous_commit=%s; scale %s; machine: %s processors, load average at start %s; total %s s (%s)\n"
                .formatted(get(result, "reference", "jdbc", "synchronousCommit"), s.scale().name().toLowerCase(Locale.ROOT),
                        num(result, "machine", "availableProcessors") > 0 ? fmt(num(result, "machine", "availableProcessors")) : "?",
                        get(result, "machine", "loadAverageAtStart"), fmt(total),
                        total <= MAX_BENCH_SECONDS ? "within the 20 minutes make bench is to take"
                                : "OVER the 20 minutes make bench is to take"));
    }

    private static void table(StringBuilder out, List<Row> rows) {
        int[] widths = new int[6];
        for (Row row : rows) {
            String[] cells = row.cells();
            for (int c = 0; c < cells.length; c++) {
                widths[c] = Math.max(widths[c], cells[c].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r).cells();
            out.append("|");
            for (int c = 0; c < widths.length; c++) {
                if (widths[c] > 0) {
                    out.append(' ').append(pad(cells[c], widths[c], c == 1)).append(" |");
                }
            }
            out.append('\n');
            if (r == 0) {
                out.append("|");
                for (int width : widths) {
                    if (width > 0) {
                        out.append("-".repeat(width + 2)).append("|");
                    }
                }
                out.append('\n');
            }
        }
    }

    private static boolean verified(Map<String, Object> result, String... path) {
        String[] full = Arrays.copyOf(path, path.length + 2);
        full[path.length] = "visibility";
        full[path.length + 1] = "verified";
        return Boolean.TRUE.equals(get(result, full));
    }

    private static String largestService(Map<String, Object> result) {
        String largest = "?";
        double max = -1;
        if (get(result, "memory", "perService") instanceof Map<?, ?> perService) {
            for (var e : perService.entrySet()) {
                double mb = num((Map<?, ?>) e.getValue(), "maxRssMb");
                if (mb > max) {
                    max = mb;
                    largest = e.getKey().toString();
                }
            }
        }
        return largest;
    }

    private static Object get(Map<?, ?> map, String... path) {
        Object node = map;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    private static double num(Map<?, ?> map, String... path) {
        return get(map, path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    private static String percent(double ratio) {
        // Below 10 %, one decimal: "0 %" would hide a figure that is small but there.
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–"
                : String.format(Locale.ROOT, ratio < 0.1 ? "%.1f %%" : "%.0f %%", ratio * 100);
    }

    private static String times(double value, double limit) {
        return Double.isNaN(value) || Double.isNaN(limit) || Double.isInfinite(value) || limit == 0 ? "–"
                : String.format(Locale.ROOT, "%.1f ×", value / limit);
    }

    private static String fmt(double value) {
        return number("%,.0f", value);
    }

    private static String fmt2(double value) {
        return number("%.2f", value);
    }

    private static String fmt1(double value) {
        return number("%,.1f", value);
    }

    static String ms(double value) {
        if (Double.isInfinite(value)) {
            return "never";
        }
        return number(value < 10 ? "%.2f" : "%,.1f", value);
    }

    /** A figure in the given format; one that was not measured (NaN) as "–". */
    private static String number(String format, double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }

    private static String pad(String cell, int width, boolean right) {
        String spaces = " ".repeat(width - cell.length());
        return right ? spaces + cell : cell + spaces;
    }
}
