package org.kpisuite.reporting.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every export answers besides its rows, declared once for all of them (as the problem responses are): the
 * ETag and next-page headers of a 200, and the 304 of a matching If-None-Match ({@link ExportResponses} writes them).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ExportPagingResponses implements OASFilter {

    static final String EXPORTS = "/api/v1/exports/";

    private static final Map<String, String> HEADERS = Map.of(
            "ETag", "Strong validator of this answer",
            "Link", "<URL of the next page>; rel=\"next\", when more rows follow",
            ExportResponses.NEXT_CURSOR, "The next page's cursor, when more rows follow");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(EXPORTS) || item.getGET() == null || item.getGET().getResponses() == null) {
                return;
            }
            var responses = item.getGET().getResponses();
            APIResponse ok = responses.getAPIResponse("200");
            if (ok != null) {
                HEADERS.forEach((name, description) -> {
                    if (ok.getHeaders() == null || !ok.getHeaders().containsKey(name)) {
                        Header header = OASFactory.createHeader().description(description)
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                        ok.addHeader(name, header);
                    }
                });
            }
            if (responses.getAPIResponse("304") == null) {
                responses.addAPIResponse("304", OASFactory.createAPIResponse()
                        .description("If-None-Match matched the current ETag: nothing changed, no body"));
            }
        });
    }
}
