package org.kpisuite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable summary: each figure, the goal, whether it is met, and its ratio to the raw limit. */
final class SummaryTable {

    static final double GOAL_INGESTION_PER_SECOND = 5_000;
    static final double GOAL_FRESHNESS_P99_MS = 500;
    static final double GOAL_REPORTING_P99_MS = 50;

    private SummaryTable() {
    }

    static String of(Map<String, Object> result) {
        BenchSettings s = (BenchSettings) result.get("settings");
        double jdbcRows = num(result, "reference", "jdbc", "insertRowsPerSecond");
        double kafkaMsgs = num(result, "reference", "kafka", "throughput", "messagesPerSecond");
        String throughputLimit = "JDBC %s rows/s · Kafka %s msg/s".formatted(fmt(jdbcRows), fmt(kafkaMsgs));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "figure", "measured", "goal", "met", "limit (same run)", "ratio to limit" });
        for (String[] phase : new String[][] {
                { "batches", "%,d-row batches, %d clients".formatted(s.batchRows(), s.batchClients()) },
                { "singlePosts", "single POSTs, %d departments".formatted(Math.min(s.departments(), s.indicators())) } }) {
            double accepted = num(result, "ingestion", phase[0], "acceptedPerSecond");
            double visible = num(result, "ingestion", phase[0], "visiblePerSecond");
            rows.add(new String[] { "ingestion, " + phase[1] + ": accepted (values/s)", fmt(accepted), "", "",
                    throughputLimit, ratios(accepted, jdbcRows, kafkaMsgs) });
            rows.add(new String[] { "ingestion, " + phase[1] + ": visible in reporting (values/s)", fmt(visible),
                    "≥ " + fmt(GOAL_INGESTION_PER_SECOND), met(visible >= GOAL_INGESTION_PER_SECOND), throughputLimit,
                    ratios(visible, jdbcRows, kafkaMsgs) });
        }
        double kafkaP50 = num(result, "reference", "kafka", "latencyAtFreshnessRate", "latency", "p50Ms");
        double kafkaP99 = num(result, "reference", "kafka", "latencyAtFreshnessRate", "latency", "p99Ms");
        double freshP50 = num(result, "freshness", "freshness", "p50Ms");
        double freshP99 = num(result, "freshness", "freshness", "p99Ms");
        String at = " at %d values/s (ms)".formatted(s.freshnessRate());
        rows.add(new String[] { "freshness POST → /api/v1/progress p50" + at, ms(freshP50), "", "",
                "Kafka produce→consume p50 " + ms(kafkaP50), times(freshP50, kafkaP50) });
        rows.add(new String[] { "freshness POST → /api/v1/progress p99" + at, ms(freshP99),
                "≤ " + fmt(GOAL_FRESHNESS_P99_MS), met(freshP99 <= GOAL_FRESHNESS_P99_MS),
                "Kafka produce→consume p99 " + ms(kafkaP99), times(freshP99, kafkaP99) });
        double queryP50 = num(result, "reference", "jdbc", "valuesQuery", "p50Ms");
        double queryP99 = num(result, "reference", "jdbc", "valuesQuery", "p99Ms");
        String report = "GET /api/v1/progress?fiscalYear, %,d indicators".formatted(s.indicators());
        double repP50 = num(result, "reporting", "p50Ms");
        double repP99 = num(result, "reporting", "p99Ms");
        rows.add(new String[] { report + " p50 (ms)", ms(repP50), "", "", "raw SQL of its values p50 " + ms(queryP50),
                times(repP50, queryP50) });
        rows.add(new String[] { report + " p99 (ms)", ms(repP99), "≤ " + fmt(GOAL_REPORTING_P99_MS),
                met(repP99 <= GOAL_REPORTING_P99_MS), "raw SQL of its values p99 " + ms(queryP99), times(repP99, queryP99) });

        StringBuilder out = new StringBuilder();
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            out.append("|");
            for (int c = 0; c < widths.length; c++) {
                String cell = rows.get(r)[c];
                out.append(' ').append(c == 1 ? pad(cell, widths[c], true) : pad(cell, widths[c], false)).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append("|");
                for (int width : widths) {
                    out.append("-".repeat(width + 2)).append("|");
                }
                out.append('\n');
            }
        }
        if (Boolean.FALSE.equals(((Map<?, ?>) result.get("freshness")).get("sustained"))) {
            out.append("\nfreshness: the rate was NOT sustained: stopped once 5 s of values waited for an answer");
        }
        out.append("\nfreshness: %s of %s values/s achieved, %d samples (every %d-th value, polled every %d ms), %s not visible within 30 s\n"
                .formatted(fmt(num(result, "freshness", "achievedRatePerSecond")), fmt(s.freshnessRate()),
                        (int) num(result, "freshness", "freshness", "samples"), s.freshnessSampleEvery(),
                        s.freshnessPollMillis(), fmt(num(result, "freshness", "samplesNotVisibleWithin30s"))));
        out.append("latency of a POST: batch of %,d p50 %s ms / p99 %s ms; single p50 %s ms / p99 %s ms\n".formatted(
                s.batchRows(), ms(num(result, "ingestion", "batches", "batchLatency", "p50Ms")),
                ms(num(result, "ingestion", "batches", "batchLatency", "p99Ms")),
                ms(num(result, "ingestion", "singlePosts", "postLatency", "p50Ms")),
                ms(num(result, "ingestion", "singlePosts", "postLatency", "p99Ms"))));
        out.append(("inside the services: ingestion single POST mean %s ms, batch POST mean %s ms; reporting applied %s "
                + "measurement events in %s transactions (%s per poll, mean %s ms each, %s s in all), status "
                + "recalculation mean %s ms for %s indicators; GET /api/v1/progress mean %s ms (server side)\n").formatted(
                ms(num(result, "whereTheTimeGoes", "ingestionSinglePostMeanMs")),
                ms(num(result, "whereTheTimeGoes", "ingestionBatchPostMeanMs")),
                fmt(num(result, "whereTheTimeGoes", "reportingMeasurementEvents")),
                fmt(num(result, "whereTheTimeGoes", "reportingMeasurementTransactions")),
                ms(num(result, "whereTheTimeGoes", "reportingEventsPerTransaction")),
                ms(num(result, "whereTheTimeGoes", "reportingTransactionMeanMs")),
                ms(num(result, "whereTheTimeGoes", "reportingConsumerBusySeconds")),
                ms(num(result, "whereTheTimeGoes", "statusRefreshMeanMs")),
                ms(num(result, "whereTheTimeGoes", "indicatorsPerStatusRefresh")),
                ms(num(result, "whereTheTimeGoes", "progressGetMeanMs"))));
        out.append("machine: %s processors, load average at start %s; total %s s\n".formatted(
                num(result, "machine", "availableProcessors") > 0 ? fmt(num(result, "machine", "availableProcessors")) : "?",
                ((Map<?, ?>) result.get("machine")).get("loadAverageAtStart"), fmt(num(result, "totalSeconds"))));
        return out.toString();
    }

    private static double num(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return Double.NaN;
            }
            node = m.get(key);
        }
        return node instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String ratios(double value, double jdbc, double kafka) {
        return "%s of JDBC · %s of Kafka".formatted(percent(value / jdbc), percent(value / kafka));
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    private static String times(double value, double limit) {
        return Double.isNaN(value) || Double.isNaN(limit) || limit == 0 ? "–"
                : String.format(Locale.ROOT, "%.1f ×", value / limit);
    }

    private static String met(boolean met) {
        return met ? "yes" : "NO";
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static String pad(String cell, int width, boolean right) {
        String spaces = " ".repeat(width - cell.length());
        return right ? spaces + cell : cell + spaces;
    }
}
