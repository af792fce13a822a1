package org.kpisuite.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.kpisuite.devstack.DevStack;
import org.kpisuite.devstack.LocalSuite;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

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
            Map<String, Path> logs = new LinkedHashMap<>();
            Map<String, Long> pids = new LinkedHashMap<>();
            if (settings.target() == null) {
                log("starting the suite on free ports (services: " + settings.serviceJvmOptions()
                        + "; PostgreSQL durable: synchronous_commit=on)");
                List<String> jvmOptions = new ArrayList<>(Arrays.asList(settings.serviceJvmOptions().trim().split("\\s+")));
                jvmOptions.addAll(ServerTimes.JVM_OPTIONS);
                suite = LocalSuite.start(root, out.resolve("service-logs"), jvmOptions, PostgresServer.DURABLE);
                for (SuiteServices.ServiceSpec spec : SuiteServices.ALL) {
                    logs.put(spec.name(), suite.service(spec).logFile());
                    suite.service(spec).process().ifPresent(p -> pids.put(spec.name(), p.pid()));
                }
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
            Map<String, Object> result;
            try (ProcessSampler processes = new ProcessSampler(pids, pids.isEmpty() ? -1 : postmaster(jdbcUrl))) {
                result = run(settings, endpoints, jdbcUrl, kafka, SuiteClient.withToken(token), new ServerTimes(logs), processes);
            }
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

    /** PostgreSQL's postmaster: the parent of a backend of ours; -1 if it cannot be told. */
    private static long postmaster(String jdbcUrl) {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl, References.connectionProperties());
                var s = c.createStatement();
                var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            long[] stat = ProcessSampler.stat(rs.getLong(1));
            return stat == null ? -1 : stat[0];
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void stop(LocalSuite suite, AtomicBoolean stopped) {
        if (stopped.compareAndSet(false, true)) {
            log("stopping the suite");
            suite.close();
        }
    }

    private static Map<String, Object> run(BenchSettings settings, Endpoints endpoints, String jdbcUrl, String kafka,
            SuiteClient client, ServerTimes server, ProcessSampler processes) throws Exception {
        Dataset data = new Dataset(settings, client, endpoints);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("startedAt", Instant.now().toString());
        result.put("machine", machine());
        result.put("settings", settings);
        result.put("fiscalYears", data.fiscalYears);
        int small = settings.smallPoint();

        // The limits first, on the idle suite: nothing of the load phases is still being worked off.
        References references = new References(settings, data.fiscalYears);
        Map<String, Object> limits = new LinkedHashMap<>();
        result.put("reference", limits);
        processes.phase("references");
        log("reference: raw JDBC on the same PostgreSQL, " + settings.batchClients() + " connections");
        limits.put("jdbc", references.jdbc(jdbcUrl, small, settings.indicators()));
        log("  " + limits.get("jdbc"));
        log("reference: raw Kafka produce → consume on the same broker (batching, lz4, linger)");
        limits.put("kafka", references.kafka(kafka));
        log("  " + limits.get("kafka"));

        LoadPhases phases = new LoadPhases(data, server);
        List<Map<String, Object>> progressPoints = new ArrayList<>();
        List<Map<String, Object>> ingestionPoints = new ArrayList<>();
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("progress", progressPoints);
        scale.put("ingestion", ingestionPoints);
        result.put("scale", scale);
        Map<String, Object> smallLoad = null;
        long t = System.nanoTime();
        if (small > 0) {
            processes.phase("scale: " + small + " indicators");
            log("scale point: " + small + " indicators, their values, GET /api/v1/progress");
            data.create(small);
            smallLoad = phases.batches(0, small, null);
            progressPoints.add(phases.reporting(settings.reportingRequests()));
            log("  " + progressPoints.get(0));
        }
        processes.phase("setup");
        log("setup: a plan and " + settings.indicators() + " indicators with targets in FY" + data.fiscalYears[0] + "–FY"
                + data.fiscalYears[data.lastYear()]);
        data.create(settings.indicators());
        result.put("setupSeconds", LoadPhases.round(LoadPhases.seconds(t, System.nanoTime())));

        Map<String, Object> ingestion = new LinkedHashMap<>();
        result.put("ingestion", ingestion);
        processes.phase("batches");
        log("ingestion: the values of indicators " + small + "–" + (settings.indicators() - 1) + " in batches of "
                + settings.batchRows() + " from " + settings.batchClients() + " clients");
        Map<String, Object> batches = phases.batches(small, settings.indicators(), null);
        ingestion.put("batches", batches);
        log("  " + batches);
        ingestionPoints.add(smallLoad == null ? together(List.of(batches), "the batch phase")
                : together(List.of(smallLoad, batches), "the small scale point's load and the batch phase, one after the other"));
        processes.phase("reporting idle");
        log("reporting: GET /api/v1/progress, " + settings.reportingRequests() + " requests per fiscal year");
        Map<String, Object> reporting = phases.reporting(settings.reportingRequests());
        result.put("reporting", reporting);
        progressPoints.add(reporting);
        log("  " + reporting);
        processes.phase("single POSTs");
        log("ingestion: " + settings.singleValues() + " single POSTs from " + settings.departments() + " departments");
        ingestion.put("singlePosts", phases.singles());
        log("  " + ingestion.get("singlePosts"));
        processes.phase("freshness");
        log("freshness: " + settings.freshnessRate() + " values/s for " + settings.freshnessSeconds() + " s");
        result.put("freshness", phases.freshness());
        log("  " + result.get("freshness"));

        if (settings.scale() == BenchSettings.Scale.FULL && settings.largeIndicators() > settings.indicators()) {
            processes.phase("scale: " + settings.largeIndicators() + " indicators");
            log("scale point: " + settings.largeIndicators() + " indicators and their values");
            data.create(settings.largeIndicators());
            Map<String, Object> large = phases.batches(settings.indicators(), settings.largeIndicators(), null);
            large.put("what", "the values of indicators " + settings.indicators() + "–" + (settings.largeIndicators() - 1));
            ingestionPoints.add(large);
            progressPoints.add(phases.reporting(Math.max(10, settings.reportingRequests() / 4)));
            log("  " + large + " " + progressPoints.get(progressPoints.size() - 1));
            processes.phase("scale: " + settings.largeValues() + " values");
            // Corrections of every month of every indicator until the topic holds the large number of values.
            long held = new Rebuild(data, kafka).count(Topics.MEASUREMENTS);
            int valuesPerIndicator = data.fiscalYears.length * 12;
            while (held < settings.largeValues()) {
                // Just enough indicators' corrections to reach the large number, not a whole pass more.
                int indicators = (int) Math.min(settings.largeIndicators(),
                        (settings.largeValues() - held + valuesPerIndicator - 1) / valuesPerIndicator);
                log("scale point: corrections of every value of " + indicators + " indicators (" + held
                        + " measurement events so far)");
                Map<String, Object> pass = phases.batches(0, indicators, "bench scale correction");
                held += ((Number) pass.get("values")).longValue();
                pass.put("what", "corrections of every value of " + indicators + " indicators, up to " + held
                        + " measurement events in all");
                ingestionPoints.add(pass);
                log("  " + pass);
            }
            // The single POSTs and the stream make up the rest of the topic's values.
            ingestionPoints.add(together(List.copyOf(ingestionPoints),
                    "every batch load above together, up to " + held + " measurement events in all"));
        }

        processes.phase("rebuild");
        log("rebuild: POST /api/v1/admin/rebuild, replay of every topic");
        result.put("rebuild", new Rebuild(data, kafka)
                .run(settings.scale() == BenchSettings.Scale.FULL ? 3_600 : 300));
        log("  " + result.get("rebuild"));

        Map<String, Double> ingestionMetrics = ServiceMetrics.scrape(data.client, endpoints.ingestion());
        Map<String, Double> reportingMetrics = ServiceMetrics.scrape(data.client, endpoints.reporting());
        result.put("whereTheTimeGoes", ServiceMetrics.summary(ingestionMetrics, reportingMetrics));
        log("  " + result.get("whereTheTimeGoes"));
        result.put("serviceMetrics", Map.of("ingestion", ingestionMetrics, "reporting", reportingMetrics));
        result.put("memory", processes.summary());
        result.put("cpu", processes.cpuPerPhase());
        return result;
    }

    /** One ingestion scale point of several loads: their values over the sum of the times until each was visible. */
    private static Map<String, Object> together(List<Map<String, Object>> loads, String what) {
        double values = 0;
        double seconds = 0;
        for (Map<String, Object> load : loads) {
            values += ((Number) load.get("values")).doubleValue();
            seconds += ((Number) load.get("visibleSeconds")).doubleValue();
        }
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("values", (long) values);
        point.put("what", what);
        point.put("visibleSeconds", LoadPhases.round(seconds));
        point.put("visiblePerSecond", LoadPhases.round(values / seconds));
        return point;
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
