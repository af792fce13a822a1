package org.kpisuite.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.kpisuite.devstack.KafkaBrokerProcess;
import org.kpisuite.devstack.LocalSuite;
import org.kpisuite.devstack.ServiceProcess;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.devstack.SuiteServices.ServiceSpec;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

/**
 * ingestion-service and reporting-service as OS processes, with a Kafka broker process and a PostgreSQL whose
 * ports and data stay the same when they are stopped and started again: the faults the fault tests inject.
 * Indicators are published to their topic the way indicator-service does; the path under test is
 * ingestion → outbox → Kafka → reporting.
 */
final class FaultSuite implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    // Generous: on a loaded two-core machine a broker has taken over 90 s to start.
    private static final Duration BROKER_TIMEOUT = Duration.ofMinutes(3);
    static final Duration RELAY_SEND_TIMEOUT = Duration.ofSeconds(8);
    static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(4);

    private final Path data;
    private final KafkaBrokerProcess kafka;
    private final int postgresPort;
    private volatile PostgresServer postgres;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** The key pair whose tokens the services accept; the fault tests call as an administrator. */
    private final LocalTokens tokens;
    private final String adminToken;

    private FaultSuite(Path data, KafkaBrokerProcess kafka, int postgresPort) {
        this.data = data;
        this.kafka = kafka;
        this.postgresPort = postgresPort;
        this.tokens = LocalTokens.inDirectory(data.resolve("keys"));
        this.adminToken = tokens.mint("fault-tests", LocalTokens.ADMIN, null, Duration.ofHours(2));
    }

    static FaultSuite start() throws IOException {
        Path root = Path.of(System.getProperty("kpi.project.root", "../..")).toAbsolutePath().normalize();
        Path target = root.resolve("platform/e2e-tests/target");
        Path data = Files.createDirectories(target.resolve("fault-suite/" + UUID.randomUUID().toString().substring(0, 8)));
        Path logs = Files.createDirectories(target.resolve("service-logs/fault"));
        FaultSuite suite = new FaultSuite(data, new KafkaBrokerProcess(data, LocalSuite.freePort(), LocalSuite.freePort()), LocalSuite.freePort());
        try {
            suite.kafka.start(BROKER_TIMEOUT);
            suite.startPostgres();
            for (ServiceSpec spec : List.of(SuiteServices.INGESTION, SuiteServices.REPORTING)) {
                ServiceSpec onFreePort = spec.withPort(LocalSuite.freePort());
                suite.postgres.ensureDatabase(spec.database());
                var config = SuiteServices.config(onFreePort, suite.postgresPort, suite.kafka.bootstrapServers(),
                        suite.tokens);
                // Shorter than the defaults (20 s, 10 s), so that an outage longer than both is a short one.
                config.put("kpi.outbox.send-timeout", RELAY_SEND_TIMEOUT.toSeconds() + "s");
                config.put("kpi.inbound.longest-retry-pause", LONGEST_RETRY_PAUSE.toSeconds() + "s");
                suite.services.put(spec.name(), ServiceProcess.of(root, onFreePort, config,
                        logs.resolve(spec.name() + ".log")).start());
            }
            LocalSuite.awaitAllReady(suite.services.values(), READY_TIMEOUT);
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    String adminToken() {
        return adminToken;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    ServiceProcess service(ServiceSpec spec) {
        return services.get(spec.name());
    }

    String url(ServiceSpec spec) {
        return service(spec).baseUrl();
    }

    /** A clean broker shutdown (SIGTERM); its log and the consumers' offsets stay. */
    void stopKafka() {
        kafka.stop();
    }

    /** SIGKILL: the broker crashes; its next start recovers the log. */
    void killKafka() {
        kafka.kill();
    }

    /** The same broker again, on the same port, with the same data. */
    void startKafka() {
        kafka.start(BROKER_TIMEOUT);
    }

    /** pg_ctl stop (fast): open connections are cut, as in a database restart. */
    void stopPostgres() {
        PostgresServer running = postgres;
        postgres = null;
        if (running != null) {
            running.close();
        }
    }

    void startPostgres() {
        postgres = PostgresServer.startPersistent(data.resolve("postgres"), postgresPort);
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(s -> quietly(s::stop));
        quietly(kafka::close);
        quietly(this::stopPostgres);
        // The broker's and the database's files can be large; the logs stay (data/logs and service-logs/fault).
        quietly(() -> delete(data.resolve("kafka")));
        quietly(() -> delete(data.resolve("postgres")));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + dir, e);
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.err.println("fault suite: " + e);
        }
    }
}
