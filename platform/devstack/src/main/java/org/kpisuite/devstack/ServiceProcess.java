package org.kpisuite.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One Quarkus service running from its fast-jar ({@code target/quarkus-app/quarkus-run.jar}) as a separate OS
 * process, configured through system properties. Reusable by end-to-end tests: they pick free ports, can
 * {@link #kill()} a service to simulate a crash and {@link #restart()} it with the same settings.
 * <p>
 * Quarkus's {@code @QuarkusIntegrationTest} launches the one application under test and cannot kill or restart it;
 * {@code make run}, the end-to-end tests and the benchmark need the four services together.
 */
public final class ServiceProcess {

    /**
     * Small-footprint options: four services share a two-core machine with Kafka and PostgreSQL. One direct arena
     * for Netty's pooled buffers instead of one per event-loop thread: reporting's direct memory under load went
     * from 21 to 3 MB. No cached temporary direct buffer above 256 KB: the JDK keeps, per thread, a direct copy of
     * the largest heap buffer a socket read or wrote (Kafka's fetches), 11 MB of reporting's RSS under load.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dio.netty.allocator.numDirectArenas=1", "-Djdk.nio.maxCachedBufferSize=262144");

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> config;
    private final List<String> jvmOptions;
    private final Path logFile;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> config, List<String> jvmOptions,
            Path logFile) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.port = port;
        this.config = new TreeMap<>(config);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = logFile.toAbsolutePath();
    }

    /** The service of {@code spec} under {@code projectRoot}, with the default JVM options. */
    public static ServiceProcess of(Path projectRoot, SuiteServices.ServiceSpec spec, Map<String, String> config,
            Path logFile) {
        return new ServiceProcess(spec.name(), spec.jar(projectRoot), spec.port(), config, DEFAULT_JVM_OPTIONS, logFile);
    }

    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(missingJarMessage(name, jar));
        }
        try {
            Files.createDirectories(logFile.getParent());
            // The log is appended to across runs; mark where this run begins.
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + " on port " + port
                    + " ----\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // glibc gives each thread that allocates its own 64 MB malloc arena: with Netty's, Kafka's and the
            // worker threads that is a large share of a service's RSS beyond its heap. Two arenas suffice.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + " from " + jar, e);
        }
    }

    private static String missingJarMessage(String name, Path jar) {
        return name + ": " + jar + " is missing. Build the services first: ./mvnw -B -DskipTests package"
                + " (make run does this).";
    }

    List<String> command() {
        List<String> command = new ArrayList<>(ChildProcesses.javaCommand());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails early if the process dies. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                String exit = current == null ? "was never started" : "exited with code " + current.exitValue();
                throw new IllegalStateException(name + " " + exit + " before it was ready; last lines of "
                        + logFile + ":\n" + LogTail.of(logFile, 40));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " was not ready on port " + port + " within " + timeout.toSeconds()
                + " s (last answer: " + lastAnswer + "); last lines of " + logFile + ":\n" + LogTail.of(logFile, 40));
    }

    /** SIGTERM, so that Quarkus shuts down gracefully; forcibly after 20 s. */
    public synchronized void stop() {
        ChildProcesses.terminate(process, STOP_GRACE);
    }

    /** SIGKILL: simulates a crash. */
    public synchronized void kill() {
        ChildProcesses.kill(process);
    }

    /** Starts the service again with the same port, configuration and log file (stopping it first if it runs). */
    public synchronized ServiceProcess restart() {
        stop();
        return start();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running process, e.g. to react to its exit; empty before the first start. */
    public synchronized Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path jar() {
        return jar;
    }

    public Path logFile() {
        return logFile;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
