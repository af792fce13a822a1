package org.kpisuite.plan.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.plan.service.DoneRequest;
import org.kpisuite.plan.service.MeasureService;
import org.kpisuite.plan.service.MilestoneRequest;
import org.kpisuite.security.Roles;

@Path("/api/v1/milestones")
@Tag(name = "Plan execution")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MilestoneResource {

    @Inject
    MeasureService service;

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}")
    @Operation(operationId = "getMilestone", summary = "Read one milestone")
    @APIResponse(responseCode = "200", description = "The milestone",
            content = @Content(schema = @Schema(implementation = MilestoneResponse.class)))
    @APIResponse(responseCode = "404", description = "No such milestone")
    public MilestoneResponse get(@PathParam("id") UUID id) {
        return MilestoneResponse.of(service.milestone(id), service.today());
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(operationId = "updateMilestone", summary = "Change a milestone's code, names, due date or its basis")
    @APIResponse(responseCode = "200", description = "Changed (or already so)",
            content = @Content(schema = @Schema(implementation = MilestoneResponse.class)))
    @APIResponse(responseCode = "404", description = "No such milestone")
    @APIResponse(responseCode = "409", description = "Another milestone of the plan has this code")
    @APIResponse(responseCode = "422", description = "Due before the plan's fiscal year (field due)")
    public MilestoneResponse update(@PathParam("id") UUID id, @Valid @NotNull MilestoneRequest request) {
        return MilestoneResponse.of(service.updateMilestone(id, request), service.today());
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(operationId = "deleteMilestone", summary = "Delete a milestone (its measure's new state is published)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such milestone")
    public Response delete(@PathParam("id") UUID id) {
        service.deleteMilestone(id);
        return Response.noContent().build();
    }

    @PUT
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}/done")
    @Operation(operationId = "markMilestoneDone", summary = "Record the day a milestone was delivered (null reopens it)",
            description = "A kpi-submitter only for its own department's measures. The day lies in the plan's fiscal "
                    + "year or later and not in the future. A change is a new version of the measure and an event.")
    @APIResponse(responseCode = "200", description = "The milestone; X-Outcome says CHANGED or UNCHANGED",
            headers = @Header(name = MeasureResource.OUTCOME,
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "CHANGED", "UNCHANGED" })),
            content = @Content(schema = @Schema(implementation = MilestoneResponse.class)))
    @APIResponse(responseCode = "400", description = "A malformed date, or no doneOn at all (null reopens; field doneOn)")
    @APIResponse(responseCode = "403", description = "The milestone's measure belongs to another department")
    @APIResponse(responseCode = "404", description = "No such milestone")
    @APIResponse(responseCode = "422", description = "Before the plan's fiscal year, or in the future (field doneOn)")
    public Response markDone(@PathParam("id") UUID id, @Valid @NotNull DoneRequest request) {
        var written = service.markDone(id, request);
        return Response.ok(MilestoneResponse.of(written.value(), service.today()))
                .header(MeasureResource.OUTCOME, written.outcome().name()).build();
    }
}
