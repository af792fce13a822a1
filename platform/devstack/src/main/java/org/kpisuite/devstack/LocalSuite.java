package org.kpisuite.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.kpisuite.devstack.SuiteServices.ServiceSpec;
import org.kpisuite.testing.KafkaBroker;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

/**
 * The four packaged services as separate processes on free ports, with an in-JVM Kafka broker and a throw-away
 * PostgreSQL (one database per service), the way they run in production, accepting the tokens of a fresh key
 * pair kept under {@code <a temporary root>/.data/keys/} as {@code make run} keeps its own. The end-to-end tests and the
 * benchmark both start the suite this way; {@code make run} uses fixed ports and persistent data instead.
 */
public final class LocalSuite implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final Path logDirectory;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final LocalTokens tokens;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> serviceConfig;

    private LocalSuite(Path root, Path logDirectory, KafkaBroker kafka, PostgresServer postgres, LocalTokens tokens,
            Map<String, Map<String, String>> serviceConfig) {
        this.root = root;
        this.logDirectory = logDirectory;
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokens = tokens;
        this.serviceConfig = Map.copyOf(serviceConfig);
    }

    /** Starts the suite with the services' default JVM options and waits until every service is ready. */
    public static LocalSuite start(Path projectRoot, Path logDirectory) throws IOException {
        return start(projectRoot, logDirectory, ServiceProcess.DEFAULT_JVM_OPTIONS);
    }

    public static LocalSuite start(Path projectRoot, Path logDirectory, List<String> jvmOptions) throws IOException {
        return start(projectRoot, logDirectory, jvmOptions, Map.of());
    }

    /**
     * As above, with these PostgreSQL server settings over the test defaults (the benchmark passes
     * {@link PostgresServer#DURABLE}: zonky turns synchronous_commit off).
     */
    public static LocalSuite start(Path projectRoot, Path logDirectory, List<String> jvmOptions,
            Map<String, String> postgresConfig) throws IOException {
        return start(projectRoot, logDirectory, jvmOptions, postgresConfig, Map.of());
    }

    /**
     * As above, with settings of its own for some services, by service name (the end-to-end tests point reporting's
     * mailer at the SMTP server they start).
     */
    public static LocalSuite start(Path projectRoot, Path logDirectory, List<String> jvmOptions,
            Map<String, String> postgresConfig, Map<String, Map<String, String>> serviceConfig) throws IOException {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path logs = Files.createDirectories(logDirectory);
        LocalTokens tokens = LocalTokens.inDirectory(DevStack.keysDirectory(Files.createTempDirectory("kpi-suite-root")));
        LocalSuite suite = new LocalSuite(root, logs, KafkaBroker.start(), PostgresServer.startTemporary(postgresConfig),
                tokens, serviceConfig);
        try {
            for (ServiceSpec spec : SuiteServices.ALL) {
                ServiceSpec onFreePort = spec.withPort(freePort());
                suite.postgres.ensureDatabase(spec.database());
                suite.services.put(spec.name(), new ServiceProcess(spec.name(), onFreePort.jar(root), onFreePort.port(),
                        suite.config(onFreePort), jvmOptions, logs.resolve(spec.name() + ".log")).start());
            }
            awaitAllReady(suite.services.values(), READY_TIMEOUT);
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The key pair whose tokens the services accept. */
    public LocalTokens tokens() {
        return tokens;
    }

    public Path root() {
        return root;
    }

    public ServiceProcess service(ServiceSpec spec) {
        return services.get(spec.name());
    }

    public String url(ServiceSpec spec) {
        return service(spec).baseUrl();
    }

    /**
     * Starts one more replica of a service on a free port, with the same database, broker and consumer group (the
     * production shape of several replicas); it stops with the suite. The caller waits for it to be ready.
     */
    public ServiceProcess startReplica(ServiceSpec spec, String name) throws IOException {
        ServiceSpec onFreePort = spec.withPort(freePort());
        ServiceProcess replica = new ServiceProcess(name, onFreePort.jar(root), onFreePort.port(), config(onFreePort),
                ServiceProcess.DEFAULT_JVM_OPTIONS, logDirectory.resolve(name + ".log")).start();
        services.put(name, replica);
        return replica;
    }

    /** A service's settings in this suite: its database, the broker, the keys, and any of its own. */
    private Map<String, String> config(ServiceSpec spec) {
        Map<String, String> config = new LinkedHashMap<>(SuiteServices.config(spec, postgres.port(),
                kafka.bootstrapServers(), tokens));
        config.putAll(serviceConfig.getOrDefault(spec.name(), Map.of()));
        return config;
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
            System.err.println("local suite: " + e);
        }
    }

    /** Waits for the services side by side: each takes seconds to start. */
    public static void awaitAllReady(Collection<ServiceProcess> services, Duration timeout) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        services.forEach(s -> ready.add(CompletableFuture.runAsync(() -> s.awaitReady(timeout))));
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
