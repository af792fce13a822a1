package org.kpisuite.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.kpisuite.devstack.DevStack;
import org.kpisuite.devstack.LocalSuite;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.LocalTokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code make bench}: starts the suite on free ports (or uses a running one with {@code --target}), sets up the
 * data through the public APIs, measures, and writes {@code bench-result.json} and a table on stdout.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // Before anything logs: the Kafka test jars bring a log4j2 configuration of their own, at INFO.
        System.setProperty("log4j2.configurationFile", "bench-log4j2.xml");
        BenchSettings settings = BenchSettings.from(args);
        Path root = Path.of(System.getProperty("kpi.project.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve(settings.output());
        Files.createDirectories(out);
        long started = System.nanoTime();
        LocalSuite suite = null;
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            Endpoints endpoints;
            String jdbcUrl;
            String kafka;
            LocalTokens tokens;
            if (settings.target() == null) {
                log("starting the suite on free ports (services: " + settings.serviceJvmOptions() + ")");
                suite = LocalSuite.start(root, out.resolve("service-logs"),
                        Arrays.asList(settings.serviceJvmOptions().trim().split("\\s+")));
                LocalSuite running = suite;
                // Ctrl-C: the services are separate processes and would outlive this one.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running, stopped)));
                endpoints = new Endpoints(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR),
                        suite.url(SuiteServices.INGESTION), suite.url(SuiteServices.REPORTING));
                jdbcUrl = suite.postgres().jdbcUrl("postgres");
                kafka = suite.kafka().bootstrapServers();
                tokens = suite.tokens();
            } else {
                endpoints = Endpoints.onHost(settings.target());
                String host = java.net.URI.create(settings.target().contains("://") ? settings.target()
                        : "http://" + settings.target()).getHost();
                // The devstack's ports (make run); set BENCH_JDBC_URL and BENCH_KAFKA for anything else.
                jdbcUrl = settings.jdbcUrl() != null ? settings.jdbcUrl() : "jdbc:postgresql://" + host + ":15432/postgres";
                kafka = settings.kafkaBootstrap() != null ? settings.kafkaBootstrap() : host + ":19092";
                // make run's key pair: the running suite accepts the tokens it signs.
                tokens = LocalTokens.inDirectory(DevStack.keysDirectory(root));
            }
            // The bench sets up plans and indicators and submits for every department: an administrator's token.
            String token = tokens.mint("bench", LocalTokens.ADMIN, null, Duration.ofHours(12));
            Map<String, Object> result = run(settings, endpoints, jdbcUrl, kafka, SuiteClient.withToken(token));
            result.put("totalSeconds", LoadPhases.round(LoadPhases.seconds(started, System.nanoTime())));
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path json = out.resolve("bench-result.json");
            mapper.writeValue(json.toFile(), result);
            String table = SummaryTable.of(result);
            Files.writeString(out.resolve("bench-summary.txt"), table);
            System.out.println();
            System.out.println(table);
            System.out.println("Written: " + root.relativize(json) + " and " + root.relativize(out.resolve("bench-summary.txt")));
        } finally {
            if (suite != null) {
                stop(suite, stopped);
            }
        }
    }

    private static void stop(LocalSuite suite, AtomicBoolean stopped) {
        if (stopped.compareAndSet(false, true)) {
            log("stopping the suite");
            suite.close();
        }
    }

    private static Map<String, Object> run(BenchSettings settings, Endpoints endpoints, String jdbcUrl, String kafka,
            SuiteClient client) throws Exception {
        Dataset data = new Dataset(settings, client, endpoints);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("startedAt", Instant.now().toString());
        result.put("machine", machine());
        result.put("settings", settings);
        result.put("fiscalYears", data.fiscalYears);

        log("setup: a plan and " + settings.indicators() + " indicators with targets in FY" + data.fiscalYears[0] + "–FY"
                + data.fiscalYears[data.lastYear()]);
        long t = System.nanoTime();
        data.create();
        result.put("setupSeconds", LoadPhases.round(LoadPhases.seconds(t, System.nanoTime())));

        LoadPhases phases = new LoadPhases(data);
        Map<String, Object> ingestion = new LinkedHashMap<>();
        log("ingestion: " + settings.setupValues() + " values in batches of " + settings.batchRows());
        ingestion.put("batches", phases.batches());
        log("  " + ingestion.get("batches"));
        log("ingestion: " + settings.singleValues() + " single POSTs from " + settings.departments() + " departments");
        ingestion.put("singlePosts", phases.singles());
        log("  " + ingestion.get("singlePosts"));
        result.put("ingestion", ingestion);
        log("freshness: " + settings.freshnessRate() + " values/s for " + settings.freshnessSeconds() + " s");
        result.put("freshness", phases.freshness());
        log("  " + result.get("freshness"));
        log("reporting: GET /api/v1/progress, " + settings.reportingRequests() + " requests per fiscal year");
        result.put("reporting", phases.reporting());
        log("  " + result.get("reporting"));

        Map<String, Double> ingestionMetrics = ServiceMetrics.scrape(data.client, endpoints.ingestion());
        Map<String, Double> reportingMetrics = ServiceMetrics.scrape(data.client, endpoints.reporting());
        result.put("whereTheTimeGoes", ServiceMetrics.summary(ingestionMetrics, reportingMetrics));
        log("  " + result.get("whereTheTimeGoes"));
        result.put("serviceMetrics", Map.of("ingestion", ingestionMetrics, "reporting", reportingMetrics));

        References references = new References(settings, data.fiscalYears);
        Map<String, Object> limits = new LinkedHashMap<>();
        log("reference: raw JDBC on the same PostgreSQL");
        limits.put("jdbc", references.jdbc(jdbcUrl));
        log("  " + limits.get("jdbc"));
        log("reference: raw Kafka produce → consume on the same broker");
        limits.put("kafka", references.kafka(kafka));
        log("  " + limits.get("kafka"));
        result.put("reference", limits);
        return result;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("benchMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        try {
            machine.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (Exception e) {
            machine.put("loadAverageAtStart", List.of());
        }
        return machine;
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
    }
}
