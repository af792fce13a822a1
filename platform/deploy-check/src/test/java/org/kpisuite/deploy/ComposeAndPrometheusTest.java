package org.kpisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/** deploy/compose (and its Prometheus) agrees with the services' settings and with {@link Topics}. */
class ComposeAndPrometheusTest {

    private static final Path COMPOSE = Repository.DEPLOY.resolve("compose");
    private static final Pattern CREATE_TOPIC = Pattern.compile("(?m)^\\s*create (\\S+) (\\d+) (compact|delete)\\s*$");
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?im)^\\s*create database (\\w+);");

    private final JsonNode compose = Repository.documents(COMPOSE.resolve("compose.yaml")).get(0);
    private final Map<String, Repository.Service> services = Repository.services();

    @Test
    void everyYamlFileUnderDeployParses() {
        List<Path> files = Repository.yamlFiles();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(Repository.documents(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everyServiceRunsItsImageOnItsOwnPortWithItsOwnDatabase() {
        for (Repository.Service service : services.values()) {
            JsonNode s = compose.path("services").path(service.name());
            assertThat(s.isMissingNode()).as("compose service " + service.name()).isFalse();
            assertThat(s.path("image").asText()).startsWith("kpisuite/" + service.name() + ":");
            assertThat(s.path("ports").get(0).asText()).isEqualTo(service.port() + ":" + service.port());
            JsonNode env = s.path("environment");
            assertThat(Repository.database(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText())).isEqualTo(service.database());
            List<String> variables = new ArrayList<>();
            env.fieldNames().forEachRemaining(variables::add);
            assertThat(variables).contains("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "KAFKA_BOOTSTRAP_SERVERS");
            for (String variable : variables) {
                assertThat(Repository.isKnownVariable(variable, service))
                        .as("%s: %s sets no setting of the service", service.name(), variable).isTrue();
            }
        }
    }

    @Test
    void theTopicsJobCreatesExactlyTheSuitesTopics() {
        Map<String, String> expected = new TreeMap<>();
        Topics.ALL.forEach(t -> expected.put(t.name(), t.partitions() + " " + (t.compacted() ? "compact" : "delete")));
        Map<String, String> created = new TreeMap<>();
        Matcher m = CREATE_TOPIC.matcher(compose.path("services").path("topics").path("command").get(0).asText());
        while (m.find()) {
            created.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void postgresCreatesTheFourDatabases() {
        Set<String> created = new TreeSet<>();
        Matcher m = CREATE_DATABASE.matcher(Repository.read(COMPOSE.resolve("postgres/init-databases.sql")));
        while (m.find()) {
            created.add(m.group(1));
        }
        Set<String> expected = new TreeSet<>();
        services.values().forEach(s -> expected.add(s.database()));
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void prometheusScrapesEveryServicesMetricsOnItsPort() {
        JsonNode config = Repository.documents(COMPOSE.resolve("prometheus/prometheus.yml")).get(0);
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        Set<String> targets = new TreeSet<>();
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        Set<String> expected = new TreeSet<>();
        services.values().forEach(s -> expected.add(s.name() + ":" + s.port()));
        assertThat(targets).isEqualTo(expected);
    }
}
