package org.kpisuite.plan.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.service.PlanItemService;
import org.kpisuite.problem.Problem;

@Path("/api/v1/plan-items")
@Tag(name = "Plan items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanItemResource {

    @Inject
    PlanItemService service;

    @POST
    @Operation(summary = "Create a plan item")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plan already has an item with this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The parent does not exist or is in another plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull PlanItemRequest request) {
        PlanItem item = service.create(request);
        return Response.created(URI.create("/api/v1/plan-items/" + item.id)).entity(PlanItemResponse.of(item)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a plan item: names, order, flags, code or parent (moves its subtree)")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PlanItemResponse update(@PathParam("id") UUID id, @Valid @NotNull PlanItemRequest request) {
        return PlanItemResponse.of(service.update(id, request));
    }

    @GET
    @Operation(summary = "List plan items, optionally of one plan, ordered by code")
    public List<PlanItemResponse> list(@QueryParam("planCode") String planCode) {
        return PlanItem.listByPlan(planCode).stream().map(PlanItemResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one plan item")
    @APIResponse(responseCode = "200", description = "The plan item",
            content = @Content(schema = @Schema(implementation = PlanItemResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PlanItemResponse get(@PathParam("id") UUID id) {
        return PlanItemResponse.of(service.get(id));
    }
}
