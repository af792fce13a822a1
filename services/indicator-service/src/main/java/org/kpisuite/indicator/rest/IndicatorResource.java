package org.kpisuite.indicator.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.indicator.domain.IndicatorVersion;
import org.kpisuite.indicator.service.IndicatorService;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.security.Roles;
import org.kpisuite.indicator.service.IndicatorRequest;
import org.kpisuite.indicator.service.TargetRequest;

@Path("/api/v1/indicators")
@Tag(name = "Indicators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IndicatorResource {

    @Inject
    IndicatorService service;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "defineIndicator", summary = "Define an indicator with its fiscal-year targets")
    @APIResponse(responseCode = "201", description = "Defined",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(responseCode = "409", description = "The code is taken")
    @APIResponse(responseCode = "422", description = "Unknown plan item, or targets that break a rule")
    public Response define(@Valid @NotNull IndicatorRequest request) {
        Indicator indicator = service.define(request);
        return Response.created(URI.create("/api/v1/indicators/" + indicator.code))
                .entity(IndicatorResponse.of(indicator)).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listIndicators",
            summary = "List indicators, optionally only those with a target in one fiscal year")
    public List<IndicatorResponse> list(
            @Parameter(description = "Japanese fiscal year (April to March)", example = "2024")
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear) {
        return Indicator.listForFiscalYear(fiscalYear).stream().map(IndicatorResponse::of).toList();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{code}")
    @Operation(operationId = "getIndicator", summary = "Read one indicator")
    @APIResponse(responseCode = "200", description = "The indicator",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such indicator")
    public IndicatorResponse get(@PathParam("code") String code) {
        return IndicatorResponse.of(service.get(code));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}")
    @Operation(operationId = "putIndicator", summary = "Create or replace an indicator's definition",
            description = "Idempotent: an identical definition changes nothing (no new version, no event). Used to "
                    + "load a catalog any number of times.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(responseCode = "200", description = "Changed (new version) or unchanged",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown plan item, or a definition that breaks a rule")
    public Response put(@PathParam("code") String code, @Valid @NotNull IndicatorRequest request) {
        IndicatorService.Result result = service.put(code, request);
        return Response.status(result.outcome() == IndicatorService.Outcome.CREATED ? 201 : 200)
                .header("X-Outcome", result.outcome().name())
                .entity(IndicatorResponse.of(result.indicator())).build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}/targets/{fiscalYear}")
    @Operation(operationId = "setIndicatorTarget",
            summary = "Set the target of one fiscal year; other years keep theirs",
            description = "Idempotent: the target the year has already changes nothing (X-Outcome UNCHANGED: no new "
                    + "version, no event).")
    @APIResponse(responseCode = "200", description = "The indicator with its targets; a new version (X-Outcome "
            + "CHANGED) or none (UNCHANGED)",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such indicator")
    @APIResponse(responseCode = "400", description = "A fiscal year outside FY2000–FY2100, or a malformed target")
    @APIResponse(responseCode = "422", description = "A year the indicator is not active in, a body's fiscalYear "
            + "other than the path's, or a target that does not fit")
    public Response setTarget(@PathParam("code") String code,
            // Not bounded here: the body's fiscalYear is, and must equal it (a 422 otherwise); bounding both named
            // one out-of-range year twice in the problem's violations.
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "" + FiscalCalendar.MIN_YEAR, maximum = "" + FiscalCalendar.MAX_YEAR))
            @PathParam("fiscalYear") int fiscalYear,
            @Valid @NotNull TargetRequest request) {
        IndicatorService.Result result = service.setTarget(code, fiscalYear, request);
        return Response.ok(IndicatorResponse.of(result.indicator())).header("X-Outcome", result.outcome().name())
                .build();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}/retire")
    @Operation(operationId = "retireIndicator",
            summary = "Retire an indicator after a fiscal year; it stays reportable for its active years")
    @APIResponse(responseCode = "200", description = "Retired",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    public IndicatorResponse retire(@PathParam("code") String code, @Valid @NotNull RetireRequest request) {
        return IndicatorResponse.of(service.retire(code, request.lastFiscalYear()));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{code}/versions")
    @Operation(operationId = "listIndicatorVersions",
            summary = "Every version of the indicator, oldest first, with who made it (changedBy) and when")
    public List<IndicatorResponse> versions(@PathParam("code") String code) {
        service.get(code);
        return IndicatorVersion.of(code).stream()
                .map(v -> IndicatorResponse.of(InboundEvent.read(mapper, v.state, IndicatorEvent.class), v.changedBy))
                .toList();
    }
}
