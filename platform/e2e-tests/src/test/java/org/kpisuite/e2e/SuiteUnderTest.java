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

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import org.kpisuite.devstack.ServiceProcess;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.devstack.SuiteServices.ServiceSpec;
import org.kpisuite.testing.KafkaBroker;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

/**
 * The four packaged services as separate processes on free ports, with a real Kafka broker and a real
 * PostgreSQL (one database per service), the way they run in production.
 */
final class SuiteUnderTest implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    final KafkaBroker kafka;
    final PostgresServer postgres;
    /** The key pair whose tokens the services accept, as make run's under .data/keys/. */
    final LocalTokens tokens;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private SuiteUnderTest(KafkaBroker kafka, PostgresServer postgres, LocalTokens tokens) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokens = tokens;
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
        SuiteUnderTest suite = new SuiteUnderTest(KafkaBroker.start(), PostgresServer.startTemporary(),
                LocalTokens.inDirectory(keysOf(Files.createTempDirectory("kpi-e2e-root"))));
        try {
            for (ServiceSpec spec : SuiteServices.ALL) {
                ServiceSpec onFreePort = spec.withPort(freePort());
                suite.postgres.ensureDatabase(spec.database());
                var config = SuiteServices.config(onFreePort, suite.postgres.port(), suite.kafka.bootstrapServers(),
                        suite.tokens);
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

    /** Keys where make run keeps them (.data/keys/ under a project root), so that make token's code can be run. */
    static Path keysOf(Path root) {
        return root.resolve(".data/keys");
    }

    /** The root whose .data/keys/ holds this suite's key pair. */
    Path keysRoot() {
        return tokens.publicKeyFile().getParent().getParent().getParent();
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

    /** A valid token of one role (LocalTokens.ADMIN, VIEWER, BI; a submitter through {@link #submitterToken}). */
    String token(String role) {
        return tokens.mint("e2e-" + role, role, null, Duration.ofHours(2));
    }

    String submitterToken(String department) {
        return tokens.mint("e2e-submitter-" + department, LocalTokens.SUBMITTER, department, Duration.ofHours(2));
    }

    /** A request to the service as the given role. */
    RequestSpecification as(String role, ServiceSpec spec) {
        return with(token(role), spec);
    }

    /** A request to the service as a submitter of the department. */
    RequestSpecification submitter(String department, ServiceSpec spec) {
        return with(submitterToken(department), spec);
    }

    /** A request to the service with this token (null: none). */
    RequestSpecification with(String token, ServiceSpec spec) {
        RequestSpecification request = RestAssured.given().baseUri(url(spec));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
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
