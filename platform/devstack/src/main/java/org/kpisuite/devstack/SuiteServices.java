package org.kpisuite.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

/** The suite's four services, their databases and their fixed local ports, and how they are configured. */
public final class SuiteServices {

    /** One service: its module name under {@code services/}, its own database and its HTTP port. */
    public record ServiceSpec(String name, String database, int port) {

        public ServiceSpec withPort(int otherPort) {
            return new ServiceSpec(name, database, otherPort);
        }

        /** The Quarkus fast-jar launcher that {@code ./mvnw package} builds. */
        public Path jar(Path projectRoot) {
            return projectRoot.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        }

        public String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    public static final ServiceSpec PLAN = new ServiceSpec("plan-service", "plan", 8081);
    public static final ServiceSpec INDICATOR = new ServiceSpec("indicator-service", "indicator", 8082);
    public static final ServiceSpec INGESTION = new ServiceSpec("ingestion-service", "ingestion", 8083);
    public static final ServiceSpec REPORTING = new ServiceSpec("reporting-service", "reporting", 8084);

    public static final List<ServiceSpec> ALL = List.of(PLAN, INDICATOR, INGESTION, REPORTING);

    private SuiteServices() {
    }

    /**
     * The settings that point one service at PostgreSQL and Kafka.
     *
     * @param postgresHostPort e.g. {@code localhost:15432}
     * @param bootstrapServers e.g. {@code localhost:19092}
     * @param tokens           the key pair whose tokens the service accepts
     */
    public static Map<String, String> config(ServiceSpec spec, String postgresHostPort, String bootstrapServers,
            LocalTokens tokens) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + postgresHostPort + "/" + spec.database());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        // Embedded PostgreSQL trusts local connections.
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", bootstrapServers);
        // Local logs are read by people: plain text, not the JSON lines of the prod profile.
        config.put("quarkus.log.console.json.enabled", "false");
        // Tokens signed by the local key pair (make token, the dashboard URL, the catalog loader).
        config.putAll(tokens.verificationConfig());
        if (REPORTING.name().equals(spec.name())) {
            // No SMTP server runs locally: reminders are written to reporting's log instead of mailed.
            config.put("quarkus.mailer.mock", "true");
        }
        return config;
    }

    public static Map<String, String> config(ServiceSpec spec, int postgresPort, String bootstrapServers,
            LocalTokens tokens) {
        return config(spec, "localhost:" + postgresPort, bootstrapServers, tokens);
    }
}
