package org.kpisuite.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.kpisuite.devstack.ServiceProcess;

/**
 * The benchmark's parameters, from environment variables ({@code BENCH_INDICATORS=50 make bench}) or the same
 * names as {@code -D} system properties; {@code --target URL} on the command line equals {@code BENCH_TARGET}.
 */
public record BenchSettings(
        int indicators,
        int fiscalYears,
        int departments,
        int batchRows,
        int batchClients,
        int singleValues,
        int singleSeconds,
        int freshnessRate,
        int freshnessSeconds,
        int freshnessSampleEvery,
        int freshnessPollMillis,
        int freshnessProbes,
        int reportingRequests,
        int kafkaMessages,
        int metricsPollMillis,
        int smallIndicators,
        Scale scale,
        int largeIndicators,
        int largeValues,
        String target,
        String jdbcUrl,
        String kafkaBootstrap,
        String serviceJvmOptions,
        String output) {

    public static BenchSettings from(String[] args) {
        Map<String, String> given = new LinkedHashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> given.put(k.toString(), v.toString()));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--target") && i + 1 < args.length) {
                given.put("BENCH_TARGET", args[++i]);
            } else if (args[i].startsWith("--target=")) {
                given.put("BENCH_TARGET", args[i].substring("--target=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + " (only --target URL)");
            }
        }
        Function<String, String> value = name -> {
            String v = given.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        };
        return new BenchSettings(
                intOf(value, "BENCH_INDICATORS", 1000),
                intOf(value, "BENCH_FISCAL_YEARS", 5),
                intOf(value, "BENCH_DEPARTMENTS", 50),
                intOf(value, "BENCH_BATCH_ROWS", 1000),
                intOf(value, "BENCH_BATCH_CLIENTS", 2),
                intOf(value, "BENCH_SINGLE_VALUES", 10_000),
                intOf(value, "BENCH_SINGLE_SECONDS", 90),
                intOf(value, "BENCH_FRESHNESS_RATE", 500),
                intOf(value, "BENCH_FRESHNESS_SECONDS", 60),
                intOf(value, "BENCH_FRESHNESS_SAMPLE_EVERY", 25),
                intOf(value, "BENCH_FRESHNESS_POLL_MS", 20),
                intOf(value, "BENCH_FRESHNESS_PROBES", 1),
                intOf(value, "BENCH_REPORTING_REQUESTS", 20),
                intOf(value, "BENCH_KAFKA_MESSAGES", 60_000),
                intOf(value, "BENCH_METRICS_POLL_MS", 250),
                intOf(value, "BENCH_SMALL_INDICATORS", 100),
                Scale.of(value.apply("BENCH_SCALE")),
                intOf(value, "BENCH_LARGE_INDICATORS", 10_000),
                intOf(value, "BENCH_LARGE_VALUES", 1_000_000),
                value.apply("BENCH_TARGET"),
                value.apply("BENCH_JDBC_URL"),
                value.apply("BENCH_KAFKA"),
                value.apply("BENCH_SERVICE_JVM_OPTS") == null ? DEFAULT_SERVICE_JVM_OPTS : value.apply("BENCH_SERVICE_JVM_OPTS"),
                value.apply("BENCH_OUT") == null ? "platform/bench/target/bench" : value.apply("BENCH_OUT"));
    }

    /**
     * The services' options as {@code make run} and the end-to-end tests start them (C1 only: on two cores, C2's
     * compilations took about half the suite's CPU in the bench's short phases), with tighter memory caps (the JVM
     * takes the last -Xmx given). They bound a service's memory but do not bring it to the 300 MB goal: a service needs
     * about 200 MB besides its heap, and reporting's live heap is about 70 MB at 10,000 indicators.
     */
    static final String DEFAULT_SERVICE_JVM_OPTS = String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS)
            + " -Xmx192m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k";

    private static int intOf(Function<String, String> value, String name, int fallback) {
        String v = value.apply(name);
        if (v == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(v.replace("_", "").replace(",", ""));
            if (parsed <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + v);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + v, e);
        }
    }

    /**
     * full (the default): every scale point, {@code largeIndicators} indicators and {@code largeValues} values and
     * their rebuild included; quick: only 100 and the run's indicators and the rebuild of what the run ingested, for
     * a shorter run while developing.
     */
    public enum Scale {
        QUICK, FULL;

        static Scale of(String value) {
            return value == null || value.isBlank() ? FULL : Scale.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** The indicators of the small scale point, or 0 when the run itself is that small. */
    public int smallPoint() {
        return smallIndicators < indicators ? smallIndicators : 0;
    }

    /** Which of {@code clients} batch clients sends an indicator's values: by department, so they never overlap. */
    public int clientOf(int indicator, int clients) {
        return (indicator % departments) % clients;
    }

    /** The values the setup loads: every indicator, every month of every fiscal year. */
    public int setupValues() {
        return indicators * fiscalYears * 12;
    }
}
