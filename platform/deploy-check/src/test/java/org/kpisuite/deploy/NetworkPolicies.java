package org.kpisuite.deploy;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kubernetes NetworkPolicy semantics for ingress, enough to answer "may this pod open a connection to that pod on
 * this port?" for the policies under deploy/k8s: a pod that no policy selects admits everything; a pod that some
 * policy selects (for Ingress) admits a connection only if one rule of one of those policies admits both the peer
 * ({@code from}: pod and namespace selectors) and the port (by number or by the target container's port name). The
 * policies are additive: none can take away what another admits. IP blocks are not used by the suite and not modelled.
 */
final class NetworkPolicies {

    /** A pod: its namespace (with the labels Kubernetes gives it), its own labels and its named container ports. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    /** A policy and the namespace it is applied in. */
    record Policy(String namespace, JsonNode spec) {
    }

    private final List<Policy> policies;

    NetworkPolicies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    boolean allows(Pod from, Pod to, int port) {
        boolean isolated = false;
        for (Policy policy : policies) {
            if (!policy.namespace().equals(to.namespace()) || !selects(policy.spec().path("podSelector"), to.labels())
                    || !governsIngress(policy.spec())) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : policy.spec().path("ingress")) {
                if (admitsPeer(rule, policy.namespace(), from) && admitsPort(rule, to, port)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    /** policyTypes absent: Ingress (and Egress only if the policy has egress rules). */
    private static boolean governsIngress(JsonNode spec) {
        JsonNode types = spec.path("policyTypes");
        if (types.isMissingNode()) {
            return true;
        }
        for (JsonNode type : types) {
            if (type.asText().equals("Ingress")) {
                return true;
            }
        }
        return false;
    }

    /** No {@code from}: every peer. Each entry: a pod selector in the policy's namespace, a namespace selector, or both. */
    private static boolean admitsPeer(JsonNode rule, String policyNamespace, Pod from) {
        JsonNode peers = rule.path("from");
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peer.has("ipBlock")) {
                throw new AssertionError("ipBlock peers are not modelled: " + peer);
            }
            boolean namespaceMatches = peer.has("namespaceSelector")
                    ? selects(peer.path("namespaceSelector"), from.namespaceLabels())
                    : from.namespace().equals(policyNamespace);
            boolean podMatches = !peer.has("podSelector") || selects(peer.path("podSelector"), from.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    /** No {@code ports}: every port. A named port is the target container's port of that name. */
    private static boolean admitsPort(JsonNode rule, Pod to, int port) {
        JsonNode ports = rule.path("ports");
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            JsonNode p = entry.path("port");
            if (p.isMissingNode()) {
                return true;
            }
            Integer number = p.isInt() ? Integer.valueOf(p.asInt()) : to.namedPorts().get(p.asText());
            if (number != null && number == port) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: every matchLabels pair and every matchExpressions requirement; {} selects everything. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> pair = it.next();
            if (!pair.getValue().asText().equals(labels.get(pair.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new java.util.ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
