package org.kpisuite.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

/**
 * {@code make run}: PostgreSQL (embedded, persistent), a local Kafka broker process and the four services, with
 * all data under {@code <project root>/.data}. Runs in the foreground until Ctrl-C or {@code make stop}.
 *
 * <p>Usage: {@code java -cp <classpath> org.kpisuite.devstack.DevStack [project root]} (default: the current
 * directory).
 */
public final class DevStack {

    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DASHBOARD_TOKEN_VALIDITY = Duration.ofDays(7);

    private final Path root;
    private final Path data;
    private final Path logs;
    private final Path pidFile;

    private volatile LocalTokens tokens;
    private volatile PostgresServer postgres;
    private volatile KafkaBrokerProcess kafka;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    DevStack(Path root) {
        this.root = root;
        this.data = root.resolve(".data");
        this.logs = data.resolve("logs");
        this.pidFile = data.resolve("devstack.pid");
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = (args.length > 0 ? Path.of(args[0]) : Path.of("")).toAbsolutePath().normalize();
        // Before the first logger exists: embedded PostgreSQL and the Kafka admin client log through log4j2.
        System.setProperty("devstack.logs.dir", root.resolve(".data/logs").toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "devstack/devstack-log4j2.xml");
        }
        // Keep logging alive while our own shutdown hook stops the stack.
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        DevStack stack = new DevStack(root);
        try {
            stack.run();
        } catch (RuntimeException e) {
            if (!stack.stopping) {
                System.err.println();
                System.err.println("DevStack failed: " + e.getMessage());
            }
            System.exit(1); // the shutdown hook stops whatever had started
        }
        new CountDownLatch(1).await(); // run until a signal ends the JVM
    }

    /** Where the local key pair lives: kept between runs, forgotten with make clean-data. */
    public static Path keysDirectory(Path root) {
        return root.resolve(".data/keys");
    }

    void run() {
        checkNotRunning();
        checkServiceJars();
        checkPortsFree();
        writePidFile();
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "devstack-shutdown"));

        tokens = LocalTokens.inDirectory(keysDirectory(root));
        say("Tokens: signed by the key pair in " + keysDirectory(root) + " (make token ROLE=... prints one)");
        say("Starting PostgreSQL on port " + POSTGRES_PORT + " (data in " + data.resolve("postgres") + ")");
        postgres = PostgresServer.startPersistent(data.resolve("postgres"), POSTGRES_PORT);
        SuiteServices.ALL.forEach(spec -> postgres.ensureDatabase(spec.database()));

        say("Starting Kafka on localhost:" + KAFKA_PORT + " (log " + data.resolve("logs/kafka.log") + ")");
        kafka = new KafkaBrokerProcess(data, KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        kafka.start(KAFKA_TIMEOUT);

        say("Starting the services (logs in " + logs + ")");
        for (SuiteServices.ServiceSpec spec : SuiteServices.ALL) {
            ServiceProcess service = ServiceProcess.of(root, spec,
                    SuiteServices.config(spec, POSTGRES_PORT, kafka.bootstrapServers(), tokens),
                    logs.resolve(spec.name() + ".log"));
            services.add(service);
            service.start();
        }
        awaitServicesReady();
        watchForCrashes();

        loadCatalog();
        printReady();
    }

    /** The FY2024 plan, its indicators and its budget, through the public APIs; loading it again changes nothing. */
    void loadCatalog() {
        Path catalog = root.resolve("deploy/catalog/fy2024.yaml");
        try {
            var loader = new CatalogLoader(SuiteServices.PLAN.baseUrl(), SuiteServices.INDICATOR.baseUrl(),
                    tokens.mint("devstack-catalog-loader", LocalTokens.ADMIN, null, Duration.ofMinutes(30)));
            say("Catalog " + root.relativize(catalog) + " loaded: " + loader.load(catalog));
            for (Path budget : CatalogLoader.budgetFiles(catalog.getParent())) {
                say("Budget " + root.relativize(budget) + " loaded: " + loader.loadBudget(budget));
            }
        } catch (Exception e) {
            say("Catalog " + catalog + " could NOT be loaded (the suite runs without it): " + e.getMessage());
        }
    }

    private void checkNotRunning() {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> running = readPid().flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(DevStack::looksLikeDevStack);
        if (running.isPresent()) {
            throw new IllegalStateException("DevStack is already running (pid " + running.get().pid() + ", from "
                    + pidFile + "). Use it, or stop it first: make stop");
        }
        deleteQuietly(pidFile); // left over from a run that was killed
    }

    private void checkServiceJars() {
        List<String> missing = SuiteServices.ALL.stream()
                .map(spec -> spec.jar(root))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> root.relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("service jar(s) missing:\n  " + String.join("\n  ", missing)
                    + "\nBuild first: ./mvnw -B -DskipTests package (make run builds before it starts).");
        }
    }

    private void checkPortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(POSTGRES_PORT, "PostgreSQL");
        ports.put(KAFKA_PORT, "Kafka");
        ports.put(KAFKA_CONTROLLER_PORT, "Kafka controller");
        SuiteServices.ALL.forEach(spec -> ports.put(spec.port(), spec.name()));
        List<String> busy = new ArrayList<>();
        ports.forEach((port, what) -> {
            if (!isFree(port)) {
                busy.add(port + " (" + what + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("port(s) already in use: " + String.join(", ", busy)
                    + ". Is an earlier run still up? Try: make stop (if it finds nothing, a killed run may have left"
                    + " the process behind: find and end the one holding the port)");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitServicesReady() {
        long started = System.nanoTime();
        List<CompletableFuture<Void>> ready = services.stream()
                .map(service -> CompletableFuture.runAsync(() -> {
                    service.awaitReady(SERVICES_TIMEOUT);
                    say(String.format(Locale.ROOT, "  %-18s ready after %.1f s", service.name(),
                            (System.nanoTime() - started) / 1e9));
                }))
                .toList();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Void> future : ready) {
            try {
                future.join();
            } catch (RuntimeException e) {
                failures.add(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " service(s) did not start:\n\n"
                    + String.join("\n\n", failures));
        }
    }

    private void watchForCrashes() {
        for (ServiceProcess service : services) {
            service.process().ifPresent(process -> process.onExit().thenAccept(p -> {
                if (!stopping) {
                    System.err.println(service.name() + " exited unexpectedly (code " + p.exitValue() + "); see "
                            + service.logFile());
                }
            }));
        }
    }

    private void printReady() {
        StringBuilder text = new StringBuilder("\nKPI suite is running.\n");
        for (ServiceProcess service : services) {
            String base = service.baseUrl();
            text.append(String.format(Locale.ROOT, "  %-18s %s/api/v1   %s/q/swagger-ui%n", service.name(), base, base));
            text.append(String.format(Locale.ROOT, "  %-18s %s/q/health   %s/q/metrics%n", "", base, base));
        }
        // The page keeps the token in the tab's sessionStorage and takes it out of the address bar.
        String viewer = tokens.mint("local-viewer", LocalTokens.VIEWER, null, DASHBOARD_TOKEN_VALIDITY);
        text.append(String.format(Locale.ROOT, "  %-18s %s/#token=%s%n", "dashboard", SuiteServices.REPORTING.baseUrl(),
                viewer));
        text.append(String.format(Locale.ROOT, "  %-18s make -s token ROLE=kpi-admin | kpi-viewer | kpi-bi | kpi-evaluator | "
                + "kpi-submitter|kpi-approver DEPARTMENT=<code>%n", "tokens"));
        text.append(String.format(Locale.ROOT, "  %-18s %s/api/v1/progress?fiscalYear=2024%n", "progress FY2024",
                SuiteServices.REPORTING.baseUrl()));
        text.append(String.format(Locale.ROOT, "  %-18s jdbc:postgresql://localhost:%d/<plan|indicator|ingestion|reporting>"
                + " (user postgres, no password)%n", "PostgreSQL", POSTGRES_PORT));
        text.append(String.format(Locale.ROOT, "  %-18s %s%n", "Kafka", kafka.bootstrapServers()));
        text.append(String.format(Locale.ROOT, "  %-18s %s%n", "logs", logs));
        text.append("\nReady. Ctrl-C or `make stop` stops everything.");
        say(text.toString());
    }

    /** Services first (they still flush to Kafka and PostgreSQL), then Kafka, then PostgreSQL. */
    private void shutdown() {
        stopping = true;
        say("\nStopping the services...");
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(service::stop))
                .toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (kafka != null) {
            say("Stopping Kafka...");
            runQuietly(kafka::stop);
        }
        if (postgres != null) {
            say("Stopping PostgreSQL...");
            runQuietly(postgres::close);
        }
        if (readPid().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            deleteQuietly(pidFile);
        }
        say("Stopped.");
    }

    private void writePidFile() {
        try {
            Files.createDirectories(logs);
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + pidFile, e);
        }
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Guards against a stale pid file whose number now belongs to an unrelated process. */
    private static boolean looksLikeDevStack(ProcessHandle process) {
        return process.info().commandLine()
                .map(line -> line.toLowerCase(Locale.ROOT).contains("devstack"))
                .orElse(true);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("  " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
