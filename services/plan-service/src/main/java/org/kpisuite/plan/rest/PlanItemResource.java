package org.kpisuite.plan.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.service.PlanItemService;
import org.kpisuite.security.Roles;
import org.kpisuite.plan.service.MoveRequest;
import org.kpisuite.plan.service.PlanItemRequest;

@Path("/api/v1/plan-items")
@Tag(name = "Plan items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanItemResource {

    @Inject
    PlanItemService service;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createPlanItem", summary = "Create a plan item in an existing plan")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "409", description = "The plan already has an item with this code")
    @APIResponse(responseCode = "422", description = "The plan does not exist (planCode), or the parent does not "
            + "exist or is in another plan (parentId)")
    public Response create(@Valid @NotNull PlanItemRequest request) {
        PlanItem item = service.create(request);
        return Response.created(URI.create("/api/v1/plan-items/" + item.id)).entity(PlanItemResponse.of(item)).build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(operationId = "updatePlanItem",
            summary = "Change a plan item: names, order, flags, code or parent (moves its subtree)")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan item")
    @APIResponse(responseCode = "409", description = "Another item of the plan has this code")
    @APIResponse(responseCode = "422", description = "Another plan (planCode), or a parent that is unknown, in "
            + "another plan or inside the item's own subtree (parentId)")
    public PlanItemResponse update(@PathParam("id") UUID id, @Valid @NotNull PlanItemRequest request) {
        return PlanItemResponse.of(service.update(id, request));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}/move")
    @Operation(operationId = "movePlanItem",
            summary = "Move a plan item, with its whole subtree, under another parent or to the top",
            description = "Publishes the moved item's new state; its descendants keep their parent and are not "
                    + "republished. A move to where the item already is changes nothing.")
    @APIResponse(responseCode = "200", description = "Moved (or already there)",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan item")
    @APIResponse(responseCode = "422", description = "The parent is unknown, in another plan, or the item itself "
            + "or one of its descendants (parentId)")
    public PlanItemResponse move(@PathParam("id") UUID id, @Valid @NotNull MoveRequest request) {
        return PlanItemResponse.of(service.move(id, request));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(operationId = "deletePlanItem",
            summary = "Delete a plan item that has no children and that no indicator refers to",
            description = "Publishes a removal event (removed=true, a new version). Indicators, retired ones "
                    + "included, are known from kpi.indicators.v1, so a reference made a moment ago may not be "
                    + "seen yet.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such plan item")
    @APIResponse(responseCode = "409", description = "Indicators refer to the item, or it has children; the "
            + "detail names them (field id)")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listPlanItems", summary = "List plan items, optionally of one plan, ordered by code")
    @APIResponse(responseCode = "200", description = "The plan items, flat",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PlanItemResponse.class)))
    public List<PlanItemResponse> list(
            @Parameter(description = "Only items of this plan", example = "IPA-FY2024") @QueryParam("planCode") String planCode) {
        return PlanItem.listByPlan(planCode).stream().map(PlanItemResponse::of).toList();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}")
    @Operation(operationId = "getPlanItem", summary = "Read one plan item")
    @APIResponse(responseCode = "200", description = "The plan item",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan item")
    public PlanItemResponse get(@PathParam("id") UUID id) {
        return PlanItemResponse.of(service.get(id));
    }
}
