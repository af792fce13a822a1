package org.kpisuite.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.kpisuite.devstack.ServiceProcess;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.devstack.SuiteServices.ServiceSpec;
import org.kpisuite.testing.KafkaBroker;
import org.kpisuite.testing.PostgresServer;

/**
 * The four packaged services as separate processes on free ports, with a real Kafka broker and a real
 * PostgreSQL (one database per service), the way they run in production.
 */
final class SuiteUnderTest implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    final KafkaBroker kafka;
    final PostgresServer postgres;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private SuiteUnderTest(KafkaBroker kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    private static SuiteUnderTest shared;

    /** One suite for all end-to-end test classes: starting four services costs tens of seconds. */
    static synchronized SuiteUnderTest shared() throws IOException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    private static SuiteUnderTest start() throws IOException {
        Path root = Path.of(System.getProperty("kpi.project.root", "../..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("platform/e2e-tests/target/service-logs"));
        SuiteUnderTest suite = new SuiteUnderTest(KafkaBroker.start(), PostgresServer.startTemporary());
        try {
            for (ServiceSpec spec : SuiteServices.ALL) {
                ServiceSpec onFreePort = spec.withPort(freePort());
                suite.postgres.ensureDatabase(spec.database());
                var config = SuiteServices.config(onFreePort, suite.postgres.port(), suite.kafka.bootstrapServers());
                suite.services.put(spec.name(), ServiceProcess.of(root, onFreePort, config,
                        logs.resolve(spec.name() + ".log")).start());
            }
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            suite.services.values().forEach(s -> ready.add(CompletableFuture.runAsync(() -> s.awaitReady(READY_TIMEOUT))));
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    ServiceProcess service(ServiceSpec spec) {
        return services.get(spec.name());
    }

    Path root() {
        return Path.of(System.getProperty("kpi.project.root", "../..")).toAbsolutePath().normalize();
    }

    String url(ServiceSpec spec) {
        return service(spec).baseUrl();
    }

    @Override
    public void close() {
        // The services first (in parallel: each may take a few seconds), then what they use.
        services.values().parallelStream().forEach(s -> quietly(s::stop));
        quietly(kafka::close);
        quietly(postgres::close);
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.err.println("e2e suite: " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
