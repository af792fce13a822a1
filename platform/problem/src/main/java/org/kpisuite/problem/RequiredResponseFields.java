package org.kpisuite.problem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Says in the document what Jackson does: an answer's record is written with every one of its components, a null
 * one as {@code null}. So every property of a schema that only answers use (not a request body or parameter) is
 * required; which of them may be null the record says with {@code @Schema(nullable = true)}. A schema that lists
 * its required properties itself (a class written with {@code @JsonInclude(NON_NULL)}, such as {@link Problem})
 * keeps its list. And a nullable enum lists null among its values, as JSON Schema needs it to accept a null.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class RequiredResponseFields implements OASFilter {

    private static final String PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Deque<Schema> inputs = new ArrayDeque<>();
        Deque<Schema> outputs = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null) {
                add(inputs, op.getRequestBody().getContent());
            }
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> {
                    if (p.getSchema() != null) {
                        inputs.add(p.getSchema());
                    }
                });
            }
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> add(outputs, r.getContent()));
            }
        }));
        components.values().forEach(RequiredResponseFields::nullInNullableEnums);
        Set<String> read = reachable(inputs, components);
        for (String name : reachable(outputs, components)) {
            Schema schema = components.get(name);
            if (!read.contains(name) && schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    private static void nullInNullableEnums(Schema schema) {
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)
                && schema.getEnumeration() != null && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.setEnumeration(values);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(RequiredResponseFields::nullInNullableEnums);
        }
        if (schema.getItems() != null) {
            nullInNullableEnums(schema.getItems());
        }
    }

    private static void add(Deque<Schema> to, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> {
                if (m.getSchema() != null) {
                    to.add(m.getSchema());
                }
            });
        }
    }

    /** The names of the components these schemas refer to, directly or through other components. */
    private static Set<String> reachable(Deque<Schema> todo, Map<String, Schema> components) {
        Set<String> names = new HashSet<>();
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (!seen.add(schema)) {
                continue;
            }
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(PREFIX)) {
                String name = ref.substring(PREFIX.length());
                if (names.add(name) && components.containsKey(name)) {
                    todo.add(components.get(name));
                }
            }
            if (schema.getProperties() != null) {
                todo.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                todo.add(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                todo.add(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> list : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (list != null) {
                    todo.addAll(list);
                }
            }
        }
        return names;
    }
}
