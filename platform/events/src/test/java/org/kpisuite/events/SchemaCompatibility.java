package org.kpisuite.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a new schema of an event still reads every event written under the published one, and every consumer
 * built on the published one still reads the new events. Compatible: a new optional field, a new enum value (consumers
 * read an unknown one as unknown). Breaking: a field or nested type removed, a field's type changed (nullability
 * included), a field newly required, an enum value removed (events on the topic and in the dead letters still carry
 * it). A breaking change is a new event type version, published beside the old one.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** The breaking changes from {@code published} to {@code current}; empty when compatible. */
    static List<String> breakingChanges(JsonNode published, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compareObject("", published, current, problems);
        JsonNode oldDefs = published.path("$defs");
        JsonNode newDefs = current.path("$defs");
        for (Iterator<Map.Entry<String, JsonNode>> it = oldDefs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> def = it.next();
            JsonNode now = newDefs.get(def.getKey());
            if (now == null) {
                problems.add(def.getKey() + ": type removed");
            } else if (def.getValue().has("enum")) {
                Set<String> values = texts(now.path("enum"));
                texts(def.getValue().path("enum")).stream().filter(v -> !values.contains(v))
                        .forEach(v -> problems.add(def.getKey() + ": enum value " + v + " removed"));
            } else {
                compareObject(def.getKey() + ".", def.getValue(), now, problems);
            }
        }
        return problems;
    }

    private static void compareObject(String prefix, JsonNode published, JsonNode current, List<String> problems) {
        JsonNode oldProperties = published.path("properties");
        JsonNode newProperties = current.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = oldProperties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode now = newProperties.get(property.getKey());
            if (now == null) {
                problems.add(prefix + property.getKey() + ": field removed");
            } else if (!property.getValue().equals(now)) {
                problems.add(prefix + property.getKey() + ": type changed from " + property.getValue() + " to " + now);
            }
        }
        Set<String> required = texts(current.path("required"));
        required.removeAll(texts(published.path("required")));
        required.forEach(name -> problems.add(prefix + name + ": newly required"));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
