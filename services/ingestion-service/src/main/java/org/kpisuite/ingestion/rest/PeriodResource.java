package org.kpisuite.ingestion.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.service.PeriodService;
import org.kpisuite.ingestion.service.Submitter;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;

/** Admin: closing months against new values and corrections. */
@Path("/api/v1/periods")
@Tag(name = "Periods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PeriodResource {

    @Inject
    PeriodService service;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/close")
    @Operation(operationId = "closePeriod", summary = "Close a month",
            description = "From now on a value or correction of that month (for the indicator and department given; "
                    + "null = every one) is refused: 409 for a single submission, a rejected row in a batch. "
                    + "Closing an already closed scope changes nothing (200).")
    @APIResponse(responseCode = "201", description = "Closed",
            content = @Content(schema = @Schema(implementation = PeriodClosureResponse.class)))
    @APIResponse(responseCode = "200", description = "Was already closed for this scope",
            content = @Content(schema = @Schema(implementation = PeriodClosureResponse.class)))
    @APIResponse(responseCode = "404", description = "An unknown indicator or department, or an indicator with a "
            + "department that does not report it (the field named)")
    public Response close(@Valid @NotNull PeriodRequest request) {
        PeriodService.Closed closed = service.close(request.month(), request.indicatorCode(), request.department(),
                Submitter.of(caller));
        return Response.status(closed.created() ? 201 : 200).entity(PeriodClosureResponse.of(closed.closure())).build();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/reopen")
    @Operation(operationId = "reopenPeriod", summary = "Reopen a month",
            description = "Removes the closure of exactly this scope. A wider closure of the month (e.g. for every "
                    + "indicator) stays in force and must be reopened itself.")
    @APIResponse(responseCode = "200", description = "Reopened; the removed closure",
            content = @Content(schema = @Schema(implementation = PeriodClosureResponse.class)))
    @APIResponse(responseCode = "404", description = "The month is not closed for this scope")
    public PeriodClosureResponse reopen(@Valid @NotNull PeriodRequest request) {
        return PeriodClosureResponse.of(service.reopen(request.month(), request.indicatorCode(), request.department(),
                Submitter.of(caller)));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listClosedPeriods", summary = "Closed months, optionally of one fiscal year")
    public List<PeriodClosureResponse> list(
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear) {
        return service.list(fiscalYear).stream().map(PeriodClosureResponse::of).toList();
    }
}
