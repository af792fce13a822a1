package org.kpisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What docs/operations.md and docs/api.md say the NetworkPolicies of deploy/k8s do, checked by evaluating them on
 * the rendered production overlay: every connection between the suite's pods and their neighbours is listed, and
 * exactly the expected ones are open. The services take HTTP only from the ingress controller and Prometheus and
 * never call each other; PostgreSQL and Kafka take connections only from the services (and PostgreSQL from its own
 * operator and instances), not from any other pod of the namespace or of the cluster.
 *
 * <p>The pods the operators create are modelled from their documented labels: CloudNativePG labels each instance
 * {@code cnpg.io/cluster: <cluster>}; Strimzi labels each broker {@code strimzi.io/cluster}, {@code strimzi.io/kind:
 * Kafka}, {@code strimzi.io/name: <cluster>-kafka} and generates, per listener, a policy admitting the listener's
 * {@code networkPolicyPeers} (everyone when absent). Strimzi's own ports (controller 9090, replication 9091) are
 * governed by the policies Strimzi generates for its components and are left out here.
 */
class NetworkPolicyTest {

    private static final Path PRODUCTION = Repository.DEPLOY.resolve("k8s/overlays/production");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> rendered = Repository.kustomize(PRODUCTION);
    private final String namespace = Repository.kustomization(PRODUCTION).path("namespace").asText();

    @Test
    void exactlyTheDocumentedConnectionsAreOpen() {
        assertThat(namespace).as("the production overlay's namespace").isNotBlank();
        Map<String, NetworkPolicies.Pod> services = servicePods();
        assertThat(services).as("service Deployments").hasSize(Repository.services().size());
        NetworkPolicies.Pod postgres = pod("postgres instance", namespace, Map.of("cnpg.io/cluster", name("Cluster"),
                "cnpg.io/podRole", "instance"), Map.of("postgresql", 5432, "status", 8000));
        String kafka = name("Kafka");
        NetworkPolicies.Pod broker = pod("kafka broker", namespace, Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka"), Map.of());

        Map<String, NetworkPolicies.Pod> sources = new LinkedHashMap<>();
        sources.put("ingress controller", pod("ingress controller", "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of()));
        sources.put("prometheus", pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of()));
        sources.putAll(services);
        sources.put("postgres instance", postgres);
        sources.put("cnpg operator", pod("cnpg operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"),
                Map.of()));
        sources.put("kafka broker", broker);
        sources.put("another pod of the namespace", pod("stray", namespace, Map.of("app", "debug"), Map.of()));
        // The services' own label, worn by a pod of another namespace, opens nothing.
        sources.put("a pod of another namespace", pod("elsewhere", "default",
                Map.of("app.kubernetes.io/component", "service"), Map.of()));

        Map<String, List<Integer>> targetPorts = new LinkedHashMap<>();
        Map<String, NetworkPolicies.Pod> targets = new LinkedHashMap<>(services);
        services.forEach((name, pod) -> targetPorts.put(name, List.of(pod.namedPorts().get("http"))));
        targets.put("postgres instance", postgres);
        targetPorts.put("postgres instance", List.of(5432, 8000));
        targets.put("kafka broker", broker);
        targetPorts.put("kafka broker", listenerPorts());

        NetworkPolicies policies = new NetworkPolicies(policies());
        Set<String> open = new TreeSet<>();
        sources.forEach((from, source) -> targets.forEach((to, target) -> {
            for (int port : targetPorts.get(to)) {
                if (policies.allows(source, target, port)) {
                    open.add(from + " -> " + to + ":" + port);
                }
            }
        }));

        Set<String> expected = new TreeSet<>();
        services.forEach((name, pod) -> {
            int http = pod.namedPorts().get("http");
            expected.add("ingress controller -> " + name + ":" + http);
            expected.add("prometheus -> " + name + ":" + http);
            expected.add(name + " -> postgres instance:5432");
            listenerPorts().forEach(port -> expected.add(name + " -> kafka broker:" + port));
        });
        for (String peer : List.of("postgres instance", "cnpg operator")) {
            expected.add(peer + " -> postgres instance:5432");
            expected.add(peer + " -> postgres instance:8000");
        }
        assertThat(open).as("connections the NetworkPolicies admit").containsExactlyElementsOf(expected);
    }

    private Map<String, NetworkPolicies.Pod> servicePods() {
        Map<String, NetworkPolicies.Pod> pods = new LinkedHashMap<>();
        for (JsonNode deployment : resources("Deployment")) {
            JsonNode template = deployment.path("spec").path("template");
            Map<String, String> labels = JSON.convertValue(template.path("metadata").path("labels"),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode container : template.path("spec").path("containers")) {
                container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            }
            String name = deployment.path("metadata").path("name").asText();
            pods.put(name, pod(name, namespace, labels, ports));
        }
        return pods;
    }

    /** The overlay's NetworkPolicies, applied in its namespace, and the one Strimzi generates per Kafka listener. */
    private List<NetworkPolicies.Policy> policies() {
        List<NetworkPolicies.Policy> policies = new ArrayList<>();
        for (JsonNode policy : resources("NetworkPolicy")) {
            assertThat(policy.path("metadata").has("namespace"))
                    .as("%s names no namespace of its own: it applies where the overlay puts it",
                            policy.path("metadata").path("name").asText()).isFalse();
            policies.add(new NetworkPolicies.Policy(namespace, policy.path("spec")));
        }
        String kafka = name("Kafka");
        ObjectNode spec = JSON.createObjectNode();
        spec.putObject("podSelector").putObject("matchLabels").put("strimzi.io/cluster", kafka)
                .put("strimzi.io/kind", "Kafka").put("strimzi.io/name", kafka + "-kafka");
        spec.putArray("policyTypes").add("Ingress");
        ArrayNode rules = spec.putArray("ingress");
        for (JsonNode listener : resource("Kafka").path("spec").path("kafka").path("listeners")) {
            ObjectNode rule = rules.addObject();
            rule.putArray("ports").addObject().put("port", listener.path("port").asInt());
            if (listener.has("networkPolicyPeers")) {
                rule.set("from", listener.path("networkPolicyPeers"));
            }
        }
        policies.add(new NetworkPolicies.Policy(namespace, spec));
        return policies;
    }

    private List<Integer> listenerPorts() {
        List<Integer> ports = new ArrayList<>();
        resource("Kafka").path("spec").path("kafka").path("listeners").forEach(l -> ports.add(l.path("port").asInt()));
        return ports;
    }

    private static NetworkPolicies.Pod pod(String name, String namespace, Map<String, String> labels,
            Map<String, Integer> ports) {
        return new NetworkPolicies.Pod(name, namespace, labels, ports);
    }

    private List<JsonNode> resources(String kind) {
        List<JsonNode> found = rendered.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("resources of kind " + kind).isNotEmpty();
        return found;
    }

    private JsonNode resource(String kind) {
        List<JsonNode> found = resources(kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    private String name(String kind) {
        return resource(kind).path("metadata").path("name").asText();
    }
}
