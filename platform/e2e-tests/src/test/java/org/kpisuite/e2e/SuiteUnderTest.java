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

    static SuiteUnderTest start() throws IOException {
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

    String url(ServiceSpec spec) {
        return service(spec).baseUrl();
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        kafka.close();
        postgres.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
