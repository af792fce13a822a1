package org.kpisuite.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The OpenAPI document a service serves at {@code /q/openapi}, as a strict client reads it: real answers are
 * checked against the schema their operation declares (JSON Schema 2020-12, with the document's components as
 * {@code $defs}), so a field declared required or non-null that an answer leaves out or sends as null fails.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENTS = "#/components/schemas/";
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;
    private final List<String> faults = new ArrayList<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** The document of the service under test. */
    public static OpenApiContract served() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            return new OpenApiContract(JSON.readTree(body));
        } catch (Exception e) {
            throw new AssertionError("/q/openapi is not JSON", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /**
     * What is wrong with the document as a whole: an operation without an operationId, a 4xx/5xx answer not typed
     * as a problem, an operation without 400, 401 or 403 where it takes parameters or needs a token, no server.
     */
    public List<String> documentFaults() {
        List<String> faults = new ArrayList<>();
        if (!document.path("servers").isArray() || document.path("servers").isEmpty()) {
            faults.add("the document names no server");
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (operation.path("operationId").asText("").isEmpty()) {
                faults.add(where + ": no operationId");
            }
            JsonNode responses = operation.path("responses");
            if (operation.has("security") && !operation.path("security").isEmpty()) {
                for (String status : List.of("401", "403")) {
                    if (!responses.has(status)) {
                        faults.add(where + ": no " + status);
                    }
                }
            }
            if ((operation.has("parameters") || operation.has("requestBody")) && !responses.has("400")) {
                faults.add(where + ": no 400");
            }
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().matches("[45]\\d\\d")
                        && r.getValue().path("content").path("application/problem+json").path("schema").isMissingNode()) {
                    faults.add(where + ": " + r.getKey() + " is not typed as application/problem+json");
                }
            });
        }));
        return faults;
    }

    /** The faults of a real answer to a GET of this path template (e.g. /api/v1/progress/{indicatorCode}). */
    public List<String> faults(String template, Response response) {
        return faults(template, "get", response);
    }

    /** Sends the GET (path parameters and query as the request sets them) and notes the faults of its answer. */
    public OpenApiContract get(String template, RequestSpecification request) {
        faults.addAll(faults(template, request.get(template)));
        return this;
    }

    /** Fails with every fault of the document and of the answers checked with {@link #get}, if there is one. */
    public void assertNoFaults() {
        List<String> all = new ArrayList<>(documentFaults());
        all.addAll(faults);
        if (!all.isEmpty()) {
            throw new AssertionError("the answers or the document break the OpenAPI contract:\n  "
                    + String.join("\n  ", all));
        }
    }

    public List<String> faults(String template, String method, Response response) {
        String status = String.valueOf(response.statusCode());
        JsonNode declared = document.path("paths").path(template).path(method).path("responses");
        if (declared.isMissingNode()) {
            return List.of(method + " " + template + " is not in the document");
        }
        JsonNode answer = declared.has(status) ? declared.get(status) : declared.path("default");
        if (answer.isMissingNode()) {
            return List.of(method + " " + template + " does not declare the status " + status);
        }
        String type = response.contentType() == null ? "" : response.contentType().split(";")[0].trim();
        JsonNode schema = answer.path("content").path(type).path("schema");
        if (schema.isMissingNode()) {
            return List.of(method + " " + template + " " + status + " declares no schema for " + type);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.asString());
        } catch (Exception e) {
            return List.of(method + " " + template + " " + status + ": the body is not JSON");
        }
        return validate(schema, body).stream().map(m -> method + " " + template + " " + status + ": " + m).toList();
    }

    private List<String> validate(JsonNode schema, JsonNode body) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("allOf", JSON.createArrayNode().add(standalone(schema.deepCopy())));
        ObjectNode defs = JSON.createObjectNode();
        document.path("components").path("schemas").fields()
                .forEachRemaining(e -> defs.set(e.getKey(), standalone(e.getValue().deepCopy())));
        root.set("$defs", defs);
        JsonSchema validator = SCHEMAS.getSchema(root);
        List<String> faults = new ArrayList<>();
        for (ValidationMessage message : validator.validate(body)) {
            faults.add(message.getMessage());
        }
        return faults;
    }

    /**
     * The components' references made local, and OpenAPI 3.0's {@code nullable: true} read as JSON Schema's
     * {@code "null"} type (an OpenAPI 3.1 document says it so already).
     */
    private static JsonNode standalone(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.textValue().startsWith(COMPONENTS)) {
                object.put("$ref", "#/$defs/" + ref.textValue().substring(COMPONENTS.length()));
            }
            if (object.path("nullable").asBoolean(false)) {
                object.remove("nullable");
                JsonNode type = object.get("type");
                if (type != null && type.isTextual()) {
                    object.set("type", JSON.createArrayNode().add(type.textValue()).add("null"));
                } else if (ref != null) {
                    ObjectNode target = JSON.createObjectNode().put("$ref", object.get("$ref").textValue());
                    object.remove("$ref");
                    object.set("anyOf", JSON.createArrayNode().add(target).add(JSON.createObjectNode().put("type", "null")));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                standalone(it.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiContract::standalone);
        }
        return node;
    }
}
