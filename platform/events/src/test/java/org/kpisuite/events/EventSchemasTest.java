package org.kpisuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The published event schemas ({@code src/main/resources/schemas}) against the records: every change is backward
 * compatible, and the files are current. After a compatible change to a record, write them anew with
 * {@code ./mvnw -pl platform/events verify -Dkpi.events.write-schemas=true} (a breaking change is never written: it
 * needs a new event type version).
 */
class EventSchemasTest {

    private static final Path PUBLISHED = Path.of("src/main/resources/schemas");
    private static final boolean WRITE = Boolean.getBoolean("kpi.events.write-schemas");

    static Iterable<Class<? extends Record>> events() {
        return EventSchemas.EVENTS.keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyChangeIsBackwardCompatibleWithThePublishedSchema(Class<? extends Record> event) throws IOException {
        JsonNode published = published(event);
        if (published == null) {
            return; // a new event: nothing published yet to be compatible with
        }
        assertThat(SchemaCompatibility.breakingChanges(published, EventSchemas.schema(event)))
                .as("breaking changes to %s: publish a new type version beside the old one instead", event.getSimpleName())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void thePublishedSchemaIsCurrent(Class<? extends Record> event) throws IOException {
        String generated = text(EventSchemas.schema(event));
        Path file = PUBLISHED.resolve(EventSchemas.fileName(event));
        JsonNode published = published(event);
        if (WRITE && (published == null
                || SchemaCompatibility.breakingChanges(published, EventSchemas.schema(event)).isEmpty())) {
            Files.createDirectories(PUBLISHED);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as("%s is published (-Dkpi.events.write-schemas=true writes it)", file).isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is current (-Dkpi.events.write-schemas=true writes it)", file).isEqualTo(generated);
    }

    @Test
    void theCheckFindsEachKindOfBreakingChangeAndLetsAdditionsPass() {
        ObjectNode published = EventSchemas.schema(IndicatorEvent.class);

        ObjectNode added = published.deepCopy();
        ((ObjectNode) added.path("properties")).putObject("reviewCycle").putArray("type").add("string").add("null");
        ((ArrayNode) added.path("$defs").path("Aggregation").path("enum")).add("MEDIAN");
        assertThat(SchemaCompatibility.breakingChanges(published, added)).isEmpty();

        ObjectNode removed = published.deepCopy();
        ((ObjectNode) removed.path("properties")).remove("unit");
        assertThat(SchemaCompatibility.breakingChanges(published, removed)).containsExactly("unit: field removed");

        ObjectNode retyped = published.deepCopy();
        ((ObjectNode) retyped.path("$defs").path("Target").path("properties")).putObject("value").put("type", "string");
        assertThat(SchemaCompatibility.breakingChanges(published, retyped)).singleElement().asString()
                .startsWith("Target.value: type changed");

        ObjectNode required = published.deepCopy();
        ((ArrayNode) required.path("required")).add("department");
        assertThat(SchemaCompatibility.breakingChanges(published, required)).containsExactly("department: newly required");

        ObjectNode enumShrunk = published.deepCopy();
        ArrayNode values = (ArrayNode) enumShrunk.path("$defs").path("Scope").path("enum");
        values.remove(values.size() - 1);
        assertThat(SchemaCompatibility.breakingChanges(published, enumShrunk))
                .containsExactly("Scope: enum value CHANGE_FROM_BASELINE removed");

        ObjectNode typeGone = published.deepCopy();
        ((ObjectNode) typeGone.path("$defs")).remove("Breakdown");
        assertThat(SchemaCompatibility.breakingChanges(published, typeGone)).containsExactly("Breakdown: type removed");
    }

    private static JsonNode published(Class<?> event) throws IOException {
        Path file = PUBLISHED.resolve(EventSchemas.fileName(event));
        return Files.exists(file) ? EventSchemas.JSON.readTree(file.toFile()) : null;
    }

    private static String text(JsonNode schema) throws IOException {
        return EventSchemas.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
    }
}
