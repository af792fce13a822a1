package org.kpisuite.events;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Schema (2020-12) of each event's data, generated from its record: what producers promise and consumers may
 * rely on. A primitive component is required and never null; every other one may be absent or null. Nested records
 * and enums are {@code $defs}. The published files are {@code src/main/resources/schemas/<Record>.schema.json}.
 */
final class EventSchemas {

    /** The events and the topic each is published on. */
    static final Map<Class<? extends Record>, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put(PlanItemEvent.class, Topics.PLAN_ITEMS);
        EVENTS.put(IndicatorEvent.class, Topics.INDICATORS);
        EVENTS.put(MeasurementEvent.class, Topics.MEASUREMENTS);
        EVENTS.put(MeasurementApprovalEvent.class, Topics.MEASUREMENTS);
        EVENTS.put(IndicatorStatusEvent.class, Topics.INDICATOR_STATUS);
        EVENTS.put(MeasureEvent.class, Topics.PLAN_EXECUTION);
        EVENTS.put(CommentaryEvent.class, Topics.PLAN_EXECUTION);
        EVENTS.put(MilestoneStatusEvent.class, Topics.MILESTONE_STATUS);
        EVENTS.put(BudgetEvent.class, Topics.BUDGETS);
        EVENTS.put(BudgetAnalysisEvent.class, Topics.BUDGETS);
        EVENTS.put(BudgetStatusEvent.class, Topics.BUDGET_STATUS);
        EVENTS.put(EvaluationEvent.class, Topics.EVALUATIONS);
        EVENTS.put(ReminderEvent.class, Topics.REMINDERS);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private EventSchemas() {
    }

    static String fileName(Class<?> event) {
        return event.getSimpleName() + ".schema.json";
    }

    static ObjectNode schema(Class<? extends Record> event) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://kpi-suite.org/events/" + fileName(event));
        schema.put("title", event.getSimpleName());
        schema.put("x-kpi-topic", EVENTS.get(event));
        ArrayNode types = schema.putArray("x-kpi-types");
        ceTypes(event).forEach(types::add);
        Map<String, ObjectNode> defs = new LinkedHashMap<>();
        object(schema, event, defs);
        if (!defs.isEmpty()) {
            ObjectNode node = schema.putObject("$defs");
            defs.forEach(node::set);
        }
        return schema;
    }

    /** The CloudEvents types of the event: its {@code TYPE_*} constants. */
    private static List<String> ceTypes(Class<?> event) {
        List<String> types = new ArrayList<>();
        for (Field field : event.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("TYPE_")) {
                try {
                    types.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return types.stream().sorted().toList();
    }

    private static void object(ObjectNode node, Class<?> record, Map<String, ObjectNode> defs) {
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            boolean primitive = component.getType().isPrimitive();
            properties.set(component.getName(), type(component.getGenericType(), !primitive, defs));
            if (primitive) {
                required.add(component.getName());
            }
        }
        node.set("required", required);
    }

    private static ObjectNode type(Type type, boolean nullable, Map<String, ObjectNode> defs) {
        ObjectNode node = JSON.createObjectNode();
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            simple(node, "array", nullable);
            node.set("items", type(list.getActualTypeArguments()[0], false, defs));
            return node;
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            return simple(node, "integer", nullable);
        }
        if (c == boolean.class || c == Boolean.class) {
            return simple(node, "boolean", nullable);
        }
        if (c == BigDecimal.class) {
            return simple(node, "number", nullable);
        }
        if (c == String.class) {
            return simple(node, "string", nullable);
        }
        if (c == UUID.class || c == Instant.class || c == LocalDate.class) {
            simple(node, "string", nullable);
            node.put("format", c == UUID.class ? "uuid" : c == Instant.class ? "date-time" : "date");
            return node;
        }
        if (c.isEnum() || c.isRecord()) {
            String name = c.getSimpleName();
            if (!defs.containsKey(name)) {
                ObjectNode def = JSON.createObjectNode();
                defs.put(name, def);
                if (c.isEnum()) {
                    def.put("type", "string");
                    ArrayNode values = def.putArray("enum");
                    for (Object constant : c.getEnumConstants()) {
                        values.add(((Enum<?>) constant).name());
                    }
                } else {
                    object(def, c, defs);
                }
            }
            ObjectNode ref = JSON.createObjectNode().put("$ref", "#/$defs/" + name);
            if (!nullable) {
                return ref;
            }
            node.putArray("anyOf").add(ref).add(JSON.createObjectNode().put("type", "null"));
            return node;
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + c + ": add one to EventSchemas");
    }

    private static ObjectNode simple(ObjectNode node, String type, boolean nullable) {
        if (nullable) {
            node.putArray("type").add(type).add("null");
        } else {
            node.put("type", type);
        }
        return node;
    }
}
