package org.kpisuite.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.kpisuite.testing.SuiteTopics;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) as a separate OS process, run from the
 * kafka jars on a classpath. Its data lives in {@code <data>/kafka} and survives restarts; the storage is
 * formatted only the first time.
 * <p>
 * No library serves here: Testcontainers needs Docker, and the tests' in-JVM broker (kafka-test-common-runtime's
 * KafkaClusterTestKit) formats fresh temporary storage at every start, where {@code make run} keeps its data.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private volatile Process process;

    /** A broker run from this JVM's own classpath, which holds the kafka jars. */
    public KafkaBrokerProcess(Path dataDirectory, int port, int controllerPort) {
        this(dataDirectory, port, controllerPort, System.getProperty("java.class.path"));
    }

    public KafkaBrokerProcess(Path dataDirectory, int port, int controllerPort, String classpath) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    /** Formats the storage if needed, starts the broker, waits until it answers and creates the suite's topics. */
    public synchronized KafkaBrokerProcess start(Duration timeout) {
        try {
            Files.createDirectories(configDirectory());
            Files.createDirectories(logFile().getParent());
            writeServerProperties();
            writeLog4jConfig();
            if (!Files.exists(logDirectory().resolve("meta.properties"))) {
                format();
            }
            process = new ProcessBuilder(brokerCommand())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Kafka broker in " + dataDirectory, e);
        }
        awaitReady(timeout);
        SuiteTopics.createAll(bootstrapServers());
        return this;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logFile() {
        return dataDirectory.resolve("logs/kafka.log");
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * SIGTERM and wait: a clean shutdown takes Kafka a few seconds and spares log recovery on the next start.
     * Not synchronized, so that a shutdown hook can stop a broker that is still starting.
     */
    public void stop() {
        ChildProcesses.terminate(process, STOP_GRACE);
    }

    /**
     * SIGKILL, a crash: no clean shutdown, so the next start recovers the log. What the broker acknowledged survives
     * (the operating system keeps the written pages), as it would on a real broker whose process dies.
     */
    public void kill() {
        ChildProcesses.kill(process);
    }

    @Override
    public void close() {
        stop();
    }

    Map<String, String> serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirectory().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private void writeServerProperties() throws IOException {
        StringBuilder text = new StringBuilder("# Written by org.kpisuite.devstack.KafkaBrokerProcess on every start.\n");
        serverProperties().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(serverPropertiesFile(), text, StandardCharsets.UTF_8);
    }

    private void writeLog4jConfig() throws IOException {
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream("/devstack/kafka-log4j2.xml")) {
            if (in == null) {
                throw new IllegalStateException("devstack/kafka-log4j2.xml is missing from the classpath");
            }
            Files.copy(in, log4jConfigFile(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The first start only: a fresh cluster id and the KRaft bootstrap metadata. No {@code --standalone}: Kafka 4.1
     * rejects it together with a static {@code controller.quorum.voters}.
     */
    private void format() throws IOException {
        List<String> command = new ArrayList<>(ChildProcesses.javaCommand());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4jConfigFile(), "-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", serverPropertiesFile().toString()));
        Process format = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        if (!ChildProcesses.awaitExit(format, Duration.ofSeconds(60)) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka storage in " + logDirectory() + " failed; last lines of "
                    + logFile() + ":\n" + LogTail.of(logFile(), 30));
        }
    }

    private List<String> brokerCommand() {
        List<String> command = new ArrayList<>(ChildProcesses.javaCommand());
        // No log4j2 shutdown hook: with it, loggers first used during Kafka's own shutdown print a warning.
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfigFile(), "-Dlog4j2.shutdownHookEnabled=false",
                "-cp", classpath,
                "kafka.Kafka", serverPropertiesFile().toString()));
        return command;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Wait for the port first: an Admin client polling a closed port fills the log with warnings.
        while (!acceptsConnections()) {
            checkAliveAndInTime(deadline, timeout);
            sleep(200);
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkAliveAndInTime(deadline, timeout);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(6, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                } catch (Exception e) {
                    // not ready yet
                }
                sleep(300);
            }
        }
    }

    private void checkAliveAndInTime(long deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                    + "; last lines of " + logFile() + ":\n" + LogTail.of(logFile(), 40));
        }
        if (System.nanoTime() > deadline) {
            stop();
            throw new IllegalStateException("the Kafka broker did not answer on " + bootstrapServers() + " within "
                    + timeout.toSeconds() + " s; last lines of " + logFile() + ":\n" + LogTail.of(logFile(), 40));
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path logDirectory() {
        return dataDirectory.resolve("kafka");
    }

    private Path configDirectory() {
        return dataDirectory.resolve("kafka-config");
    }

    private Path serverPropertiesFile() {
        return configDirectory().resolve("server.properties");
    }

    private Path log4jConfigFile() {
        return configDirectory().resolve("log4j2.xml");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
