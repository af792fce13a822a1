package org.kpisuite.problem;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The problem responses of every operation of every service, added to the OpenAPI document once instead of an
 * {@code @APIResponse} block on each method: 400 where an operation takes parameters or a body, 401 and 403 where
 * it needs a token, 404 where its path names something, 413 and 415 where it takes a body, and every 4xx/5xx
 * answer typed as {@code application/problem+json} with the {@link Problem} schema (what {@link ProblemMappers}
 * writes). A response an operation declares itself keeps its description, and its content when it has one.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    static final String REF = "#/components/schemas/" + SCHEMA;

    private static final Map<String, String> DEFAULTS = Map.of(
            "400", "Malformed request: the parameter or body field named in violations[].field",
            "401", "No token, or a malformed, expired or wrongly signed one",
            "403", "The token's role or department may not do this",
            "404", "What the path names does not exist",
            "413", "The body is larger than the service accepts",
            "415", "The body is not of a media type the operation accepts");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problemSchema());
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach(
                (method, operation) -> addProblems(path, item, method, operation, securedByDefault)));
    }

    private static void addProblems(String path, PathItem item, PathItem.HttpMethod method, Operation operation,
            boolean securedByDefault) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean hasParameters = notEmpty(operation.getParameters()) || notEmpty(item.getParameters());
        boolean hasBody = operation.getRequestBody() != null;
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
        if (hasParameters || hasBody) {
            ensure(responses, "400");
        }
        if (secured) {
            ensure(responses, "401");
            ensure(responses, "403");
        }
        if (path.contains("{")) {
            ensure(responses, "404");
        }
        if (hasBody) {
            ensure(responses, "413");
            ensure(responses, "415");
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (isProblem(status) && response.getRef() == null) {
                typeAsProblem(response);
            }
        });
    }

    private static void ensure(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(DEFAULTS.get(status)));
        }
    }

    /** A declared problem response without content, or with problem+json but no schema, gets the Problem schema. */
    private static void typeAsProblem(APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription("A problem (RFC 9457)");
        }
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problemMedia()));
            return;
        }
        MediaType problem = content.getMediaType(Problem.MEDIA_TYPE);
        if (problem != null && problem.getSchema() == null) {
            problem.setSchema(OASFactory.createSchema().ref(REF));
        }
    }

    private static MediaType problemMedia() {
        return OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF));
    }

    private static boolean isProblem(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }

    /** The {@link Problem} record as a schema, for a service none of whose annotations names it. */
    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string).addProperty("reason", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", string).addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string).addProperty("instance", string)
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation))
                .required(List.of("type", "title", "status"));
    }
}
