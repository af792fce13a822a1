package org.kpisuite.reporting.rest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.reporting.service.PlanReviews;
import org.kpisuite.reporting.service.PlanRowCursor;
import org.kpisuite.reporting.service.PlanTree;
import org.kpisuite.reporting.service.PlanTreeService;
import org.kpisuite.security.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The plan tree, or a review's, as flat rows for BI tools: the rows GET /api/v1/plan-tree and a review show. */
@Path("/api/v1/exports/plan")
@Tag(name = "Exports")
@Produces({ MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE })
public class PlanExportResource {

    @Inject
    PlanTreeService trees;

    @Inject
    PlanReviews reviews;

    @Inject
    ObjectMapper mapper;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @GET
    @RolesAllowed({ Roles.BI, Roles.ADMIN })
    @Operation(operationId = "exportPlan", summary = "The plan tree as of a date (or a review's), one flat row per node",
            description = """
            One row per item, indicator, initiative, measure and milestone of the plan's tree, in tree order \
            (`path`; `parentPath` links a row to its parent): the nodes GET /api/v1/plan-tree gives, with each \
            measure's latest first-half (h1*) and year-end (fy*) commentary. With `review` the rows are that \
            review's, as it was taken; otherwise the tree as of `asOf` (default today, pinned by the next link).""" 
            + ExportResource.COMMON)
    @APIResponse(responseCode = "200", description = "A page of rows",
            headers = {
                    @Header(name = "ETag", description = "Strong validator of this answer", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = "<URL of the next page>; rel=\"next\", when more rows follow",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ExportResponses.NEXT_CURSOR, description = "The next page's cursor, when more rows follow",
                            schema = @Schema(type = SchemaType.STRING)) },
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportPlanPage.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, header row, UTF-8 (with BOM when bom=true); the columns of ExportPlanRow")) })
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag: nothing changed, no body")
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter, named in violations[0].field")
    @APIResponse(responseCode = "404", description = "No such review, or no plan with measures in the fiscal year")
    public Response plan(
            @Parameter(description = "Japanese fiscal year of the plan (not needed with review)", example = "2024",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "The plan; default: the plan with the most measures in the fiscal year", example = "IPA-FY2024")
            @QueryParam("planCode") String planCode,
            @Parameter(description = "The tree as of this day, as recorded by its end (default: today, Japan time)",
                    example = "2024-09-30") @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "The rows of this review instead", example = "FY2024-H1") @QueryParam("review") String review,
            @Parameter(description = "Rows per answer, 1 to 10000", example = "1000",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1000", minimum = "1", maximum = "10000"))
            @QueryParam("limit") @Min(1) @Max(ExportResource.MAX_LIMIT) Integer limit,
            @Parameter(description = "The nextCursor (or X-Next-Cursor) of the previous answer, unchanged",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("cursor") PlanRowCursor cursor,
            @Parameter(description = "json or csv; default: by the Accept header, else json", example = "csv",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
            @QueryParam("format") ExportFormat format,
            @Parameter(description = "CSV only: start with the UTF-8 BOM (EF BB BF) for Excel", example = "true",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("bom") Boolean bom) {
        Map<String, String> pin = new HashMap<>();
        PlanTree tree;
        String name;
        if (review != null && !review.isBlank()) {
            tree = reviews.get(review).tree();
            name = "kpi-review-" + review;
        } else {
            if (fiscalYear == null) {
                throw org.kpisuite.problem.ProblemException.badRequest("fiscalYear", "is required without review");
            }
            LocalDate day = asOf == null ? trees.today() : asOf;
            tree = trees.tree(fiscalYear, planCode, day);
            pin.put("asOf", day.toString());
            pin.put("planCode", tree.planCode());
            name = "kpi-plan-" + tree.planCode();
        }
        int max = limit == null ? ExportResource.DEFAULT_LIMIT : limit;
        String after = cursor == null ? null : cursor.path();
        List<ExportPlanRow> rows = ExportPlanRow.of(tree).stream()
                .filter(r -> after == null || r.path().compareTo(after) > 0).toList();
        List<ExportPlanRow> page = rows.subList(0, Math.min(max, rows.size()));
        String next = rows.size() > max ? new PlanRowCursor(page.get(page.size() - 1).path()).cursor() : null;
        ExportFormat type = ExportFormat.of(format, request);
        byte[] body = type == ExportFormat.CSV ? ExportCsv.write(ExportPlanRow.class, page, Boolean.TRUE.equals(bom))
                : json(new ExportPlanPage(page, next));
        return ExportResponses.respond(type, body, next, pin, name, uri, request);
    }

    private byte[] json(Object page) {
        try {
            return mapper.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the export as JSON", e);
        }
    }
}
