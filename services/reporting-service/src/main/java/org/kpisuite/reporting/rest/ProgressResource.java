package org.kpisuite.reporting.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Roles;
import org.kpisuite.reporting.service.ApprovalShares;
import org.kpisuite.reporting.service.ProgressService;
import org.kpisuite.reporting.service.Rollups;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/progress")
@Tag(name = "Progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    private static final CacheControl NO_CACHE = CacheControl.valueOf("no-cache");

    private static final String GZIP = "gzip";

    @Inject
    ProgressService service;

    @Inject
    ProgressListBody bodies;

    @Inject
    ApprovalShares approvalShares;

    @Inject
    ManagedExecutor workers;

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listProgress",
            summary = "Progress of every indicator with a target in the fiscal year, core targets first")
    @APIResponse(responseCode = "200", description = "One entry per indicator; today's list is gzipped "
            + "(Content-Encoding: gzip) for a client whose Accept-Encoding asks for gzip",
            content = @Content(schema = @Schema(implementation = ProgressResponse.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Missing or malformed fiscalYear or asOf")
    @APIResponse(responseCode = "304", description = "Today's progress, unchanged since the ETag given in If-None-Match")
    public Uni<Response> list(
            @Parameter(description = "Japanese fiscal year (April to March)", example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "Report as known at the end of this day (default: today, Japan time)", example = "2024-09-30")
            @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "true: the official figures, from approved values alone (calculated on each read)",
                    example = "true") @QueryParam("official") Boolean official,
            @Context Request request, @Context HttpHeaders headers) {
        LocalDate day = asOf(asOf);
        boolean today = !Boolean.TRUE.equals(official) && day.equals(service.today());
        // A dashboard's read of today's list, ready in memory, is answered on the event loop: on busy cores a hand-over
        // to a worker thread is a wait of its own. Anything that needs the database runs on a worker.
        ProgressListBody.Body ready = today ? bodies.ready(fiscalYear) : null;
        if (ready != null) {
            return Uni.createFrom().item(kept(ready, request, headers));
        }
        return Uni.createFrom().item(() -> {
            if (today) {
                return kept(bodies.today(fiscalYear), request, headers);
            }
            var progress = Boolean.TRUE.equals(official) ? service.officialProgress(fiscalYear, day)
                    : service.progress(fiscalYear, day);
            return Response.ok(progress.stream().map(ProgressResponse::of).toList()).build();
        }).runSubscriptionOn(workers);
    }

    /**
     * Today's list is kept: its body is served as built for a kept version, with that version as its ETag, and
     * gzipped (as built too, with an ETag of its own) for a client whose Accept-Encoding asks for gzip.
     */
    private static Response kept(ProgressListBody.Body body, Request request, HttpHeaders headers) {
        boolean gzip = GzipNegotiation.acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING))
                && body.gzip() != null;
        EntityTag etag = new EntityTag(gzip ? body.etag() + "-" + GZIP : body.etag());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        if (unchanged == null && weaklyNamed(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            unchanged = Response.notModified(etag);
        }
        Response.ResponseBuilder answer = unchanged != null ? unchanged
                : Response.ok(gzip ? body.gzip() : body.json(), MediaType.APPLICATION_JSON_TYPE).tag(etag);
        if (gzip && unchanged == null) {
            answer.encoding(GZIP);
        }
        return answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).cacheControl(NO_CACHE).build();
    }

    /**
     * Whether If-None-Match names the tag as W/"…": it compares weakly (RFC 9110 13.1.2), where the framework's
     * comparison counts the weak flag and answers 200.
     */
    static boolean weaklyNamed(String ifNoneMatch, EntityTag etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String quoted = "\"" + etag.getValue() + "\"";
        for (String tag : ifNoneMatch.split(",")) {
            String named = tag.trim();
            if (named.startsWith("W/") && named.substring(2).equals(quoted)) {
                return true;
            }
        }
        return false;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{indicatorCode}")
    @Operation(operationId = "getProgress", summary = "Progress of one indicator in the fiscal year")
    @APIResponse(responseCode = "200", description = "The indicator's progress",
            content = @Content(schema = @Schema(implementation = ProgressResponse.class)))
    @APIResponse(responseCode = "404", description = "No such indicator, or no target in that year")
    public ProgressResponse one(@PathParam("indicatorCode") String code,
            @Parameter(example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(example = "2024-09-30") @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "true: the official figures, from approved values alone", example = "true")
            @QueryParam("official") Boolean official) {
        LocalDate day = asOf(asOf);
        return ProgressResponse.of(found(Boolean.TRUE.equals(official) ? service.officialProgress(code, fiscalYear, day)
                : service.progress(code, fiscalYear, day), code, fiscalYear));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/approval")
    @Operation(operationId = "listApprovalShares", summary = "How much of each indicator's figure is approved",
            description = "Per indicator with values in the fiscal year: its values in force (as recorded by the end "
                    + "of asOf) that are approved, returned or still provisional, and the approved share. "
                    + "`official=true` on the progress reads counts the approved ones alone.")
    @APIResponse(responseCode = "200", description = "One entry per indicator with values",
            content = @Content(schema = @Schema(implementation = ApprovalShares.Share.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Missing or malformed fiscalYear or asOf")
    public List<ApprovalShares.Share> approval(
            @Parameter(example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(example = "2024-09-30") @QueryParam("asOf") LocalDate asOf) {
        return approvalShares.of(fiscalYear, asOf(asOf));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/rollups")
    @Operation(operationId = "listRollups",
            summary = "Progress per plan chapter, section and item, and of the core targets (基幹目標)")
    @APIResponse(responseCode = "200", description = "The CORE group first, then chapters, sections and items",
            content = @Content(schema = @Schema(implementation = Rollups.Rollup.class, type = SchemaType.ARRAY)))
    public List<Rollups.Rollup> rollups(
            @Parameter(example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(example = "2024-09-30") @QueryParam("asOf") LocalDate asOf) {
        return Rollups.of(service.progress(fiscalYear, asOf(asOf)));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{indicatorCode}/series")
    @Operation(operationId = "getSeries",
            summary = "An indicator's months in the fiscal year: values, running actual, expected pace")
    @APIResponse(responseCode = "200", description = "Twelve months, April first",
            content = @Content(schema = @Schema(implementation = SeriesResponse.class)))
    @APIResponse(responseCode = "404", description = "No such indicator, or no target in that year")
    public SeriesResponse series(@PathParam("indicatorCode") String code,
            @Parameter(example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(example = "2024-09-30") @QueryParam("asOf") LocalDate asOf) {
        LocalDate day = asOf(asOf);
        return SeriesResponse.of(found(service.series(code, fiscalYear, day), code, fiscalYear), fiscalYear,
                approvalShares.byPeriod(code, fiscalYear, day));
    }

    /** The service answers null for an indicator that does not exist or has no target in the year. */
    private static <T> T found(T answer, String code, int year) {
        if (answer == null) {
            throw ProblemException.notFound("indicator with a target in FY" + year, code);
        }
        return answer;
    }

    private LocalDate asOf(LocalDate asOf) {
        return asOf == null ? service.today() : asOf;
    }
}
