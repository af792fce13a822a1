package org.kpisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/** deploy/k8s agrees with the services' own settings and with {@link Topics}: a change on one side only fails here. */
class KubernetesManifestsTest {

    private static final java.nio.file.Path BASE = Repository.DEPLOY.resolve("k8s/base");
    private static final java.nio.file.Path PRODUCTION = Repository.DEPLOY.resolve("k8s/overlays/production");
    private static final Set<String> PROBE_PATHS = Set.of("/q/health/ready", "/q/health/live", "/q/health/started");

    private final List<JsonNode> base = Repository.kustomize(BASE);
    private final Map<String, Repository.Service> services = Repository.services();

    @Test
    void everyServiceHasADeploymentAndAServiceOnItsOwnPort() {
        assertThat(names("Deployment")).containsExactlyInAnyOrderElementsOf(services.keySet());
        assertThat(names("Service")).containsExactlyInAnyOrderElementsOf(services.keySet());
        for (Repository.Service service : services.values()) {
            JsonNode container = container(service.name());
            assertThat(container.path("ports").get(0).path("containerPort").asInt())
                    .as("containerPort of %s", service.name()).isEqualTo(service.port());
            assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
            assertThat(container.path("image").asText()).startsWith("kpisuite/" + service.name() + ":");
            JsonNode svc = resource("Service", service.name());
            assertThat(svc.path("spec").path("ports").get(0).path("port").asInt())
                    .as("Service port of %s", service.name()).isEqualTo(service.port());
            assertThat(svc.path("spec").path("selector")).isEqualTo(
                    resource("Deployment", service.name()).path("spec").path("selector").path("matchLabels"));
            JsonNode annotations = resource("Deployment", service.name()).path("spec").path("template")
                    .path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(service.port()));
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
        }
    }

    @Test
    void probesUseTheHealthEndpointsOnTheHttpPort() {
        for (Repository.Service service : services.values()) {
            JsonNode container = container(service.name());
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                if (!get.isMissingNode()) {
                    assertThat(PROBE_PATHS).as("%s %s", service.name(), probe).contains(get.path("path").asText());
                    assertThat(get.path("port").asText()).isEqualTo("http");
                }
            }
        }
    }

    @Test
    void environmentSetsRealSettingsAndSecretsAreOnlyReferenced() {
        JsonNode config = resource("ConfigMap", "kpi-config");
        for (Repository.Service service : services.values()) {
            JsonNode container = container(service.name());
            List<String> variables = new ArrayList<>();
            container.path("env").forEach(e -> variables.add(e.path("name").asText()));
            container.path("envFrom").forEach(from -> {
                String map = from.path("configMapRef").path("name").asText();
                assertThat(resource("ConfigMap", map)).as("ConfigMap " + map).isNotNull();
            });
            config.path("data").fieldNames().forEachRemaining(variables::add);
            for (String variable : variables) {
                assertThat(Repository.isKnownVariable(variable, service))
                        .as("%s: %s sets no setting of the service", service.name(), variable).isTrue();
            }
            container.path("env").forEach(e -> {
                if (e.path("name").asText().endsWith("PASSWORD")) {
                    assertThat(e.has("value")).as("%s is a secret: reference it", e.path("name").asText()).isFalse();
                }
            });
        }
        assertThat(base.stream().filter(r -> r.path("kind").asText().equals("Secret")))
                .as("Secret values are never kept in the repository").isEmpty();
    }

    @Test
    void eachServiceUsesItsOwnDatabaseOfTheClusterAndTheClusterHasThemAll() {
        String cluster = resources("Cluster").get(0).path("metadata").path("name").asText();
        Set<String> databases = new TreeSet<>();
        for (Repository.Service service : services.values()) {
            String url = env(container(service.name()), "QUARKUS_DATASOURCE_JDBC_URL");
            assertThat(Repository.database(url)).as("database of %s", service.name()).isEqualTo(service.database());
            assertThat(url).startsWith("jdbc:postgresql://" + cluster + "-rw:5432/");
            databases.add(service.database());
        }
        Set<String> created = new TreeSet<>();
        for (JsonNode database : resources("Database")) {
            assertThat(database.path("spec").path("cluster").path("name").asText()).isEqualTo(cluster);
            created.add(database.path("spec").path("name").asText());
        }
        assertThat(created).isEqualTo(databases);
    }

    @Test
    void kafkaTopicsAreExactlyTheSuitesTopics() {
        String kafka = resources("Kafka").get(0).path("metadata").path("name").asText();
        Map<String, String> expected = new TreeMap<>();
        Topics.ALL.forEach(t -> expected.put(t.name(), t.partitions() + " " + (t.compacted() ? "compact" : "delete")));
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode topic : resources("KafkaTopic")) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(kafka);
            actual.put(topic.path("spec").path("topicName").asText(), topic.path("spec").path("partitions").asInt()
                    + " " + topic.path("spec").path("config").path("cleanup.policy").asText());
        }
        assertThat(actual).isEqualTo(expected);

        int plainPort = 0;
        for (JsonNode listener : resources("Kafka").get(0).path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean()) {
                plainPort = listener.path("port").asInt();
            }
        }
        assertThat(resource("ConfigMap", "kpi-config").path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo(kafka + "-kafka-bootstrap:" + plainPort);
        assertThat(resources("KafkaNodePool")).allSatisfy(pool -> assertThat(
                pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(kafka));
    }

    @Test
    void theProductionOverlayNamesTheBasesImagesAndDeployments() {
        List<JsonNode> rendered = Repository.kustomize(PRODUCTION);
        assertThat(rendered).hasSameSizeAs(base);
        JsonNode overlay = Repository.kustomization(PRODUCTION);
        Set<String> images = new TreeSet<>();
        overlay.path("images").forEach(i -> images.add(i.path("name").asText()));
        assertThat(images).isEqualTo(services.keySet().stream().map(s -> "kpisuite/" + s)
                .collect(Collectors.toCollection(TreeSet::new)));
        Set<String> replicas = new TreeSet<>();
        overlay.path("replicas").forEach(r -> replicas.add(r.path("name").asText()));
        assertThat(replicas).isEqualTo(new TreeSet<>(names("Deployment")));
    }

    private JsonNode container(String deployment) {
        return resource("Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + container.path("name").asText());
    }

    private List<JsonNode> resources(String kind) {
        List<JsonNode> found = base.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("resources of kind " + kind).isNotEmpty();
        return found;
    }

    private List<String> names(String kind) {
        return resources(kind).stream().map(r -> r.path("metadata").path("name").asText()).toList();
    }

    private JsonNode resource(String kind, String name) {
        return resources(kind).stream().filter(r -> r.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
}
