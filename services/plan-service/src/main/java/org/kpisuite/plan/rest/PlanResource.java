package org.kpisuite.plan.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.plan.domain.Plan;
import org.kpisuite.plan.service.PlanDocumentImport;
import org.kpisuite.plan.service.PlanService;
import org.kpisuite.security.Roles;
import org.kpisuite.plan.service.PlanChangeRequest;
import org.kpisuite.plan.service.PlanRequest;
import org.kpisuite.plan.service.PlanDocument;

@Path("/api/v1/plans")
@Tag(name = "Plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    @Inject
    PlanService service;

    @Inject
    PlanDocumentImport documents;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createPlan", summary = "Create a plan (without items)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "409", description = "A plan with this code exists")
    @APIResponse(responseCode = "422", description = "The mid-term years do not fit together or with the fiscal year")
    public Response create(@Valid @NotNull PlanRequest request) {
        Plan plan = service.create(request);
        return Response.created(URI.create("/api/v1/plans/" + plan.code)).entity(PlanResponse.of(plan)).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listPlans",
            summary = "List plans, optionally of one agency or fiscal year, ordered by code")
    @APIResponse(responseCode = "200", description = "The plans, without their items",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PlanResponse.class)))
    public List<PlanResponse> list(
            @Parameter(description = "Only plans of this agency", example = "IPA") @QueryParam("agency") String agency,
            @Parameter(description = "Only plans of this Japanese fiscal year", example = "2024")
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear) {
        return service.list(agency, fiscalYear).stream().map(PlanResponse::of).toList();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{code}")
    @Operation(operationId = "getPlan",
            summary = "Read a plan with its whole item tree, children ordered by sortOrder then code")
    @APIResponse(responseCode = "200", description = "The plan and its tree",
            content = @Content(schema = @Schema(implementation = PlanTreeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    public PlanTreeResponse get(@Parameter(example = "IPA-FY2024") @PathParam("code") String code) {
        Plan plan = service.get(code);
        return PlanTreeResponse.of(plan, service.tree(code, PlanItemNode::of));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}")
    @Operation(operationId = "updatePlan",
            summary = "Change a plan's names, agency, fiscal year or mid-term period; its code stays",
            description = "The agency and fiscal year change only while the plan has no items: every item's event "
                    + "carries them and other services keep them.")
    @APIResponse(responseCode = "200", description = "Changed (or already so)",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "The plan has items and the agency or fiscal year would change")
    @APIResponse(responseCode = "422", description = "The mid-term years do not fit together or with the fiscal year")
    public PlanResponse update(@Parameter(example = "IPA-FY2024") @PathParam("code") String code,
            @Valid @NotNull PlanChangeRequest request) {
        return PlanResponse.of(service.update(code, request));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}")
    @Operation(operationId = "deletePlan", summary = "Delete a plan that has no items")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "The plan still has items")
    public Response delete(@Parameter(example = "IPA-FY2024") @PathParam("code") String code) {
        service.delete(code);
        return Response.noContent().build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}/document")
    @Operation(operationId = "importPlanDocument",
            summary = "Create or update a whole plan and its item tree from one document",
            description = "One transaction. Items, measures, initiatives and milestones are matched to stored ones "
                    + "by code: new ones are created, changed ones get a new version and an event, identical ones "
                    + "are left untouched (no version, no event), so importing the same document again changes "
                    + "nothing. sortOrder is the position among siblings, starting at 1. Stored ones missing from "
                    + "the document are kept and listed in notInDocument. Statuses, done dates and commentary are "
                    + "never changed by an import, and other plans (another fiscal year's) are not touched. The "
                    + "agency and fiscal year of a plan that has items stay as they are.")
    @APIResponse(responseCode = "201", description = "The plan did not exist and was created with its items",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "200", description = "The plan existed; what the import did to its items",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed, named by its path "
            + "(e.g. items[2].items[0].nameJa), or the plan code is not a valid code")
    @APIResponse(responseCode = "409", description = "The plan has items and the document changes its agency or "
            + "fiscal year, or the plan was deleted during the import")
    @APIResponse(responseCode = "422", description = "A code appears twice in the document (e.g. items[1].code), "
            + "an initiative concerns an unknown item (items[0].initiatives[0].concerns[1]), a milestone is due "
            + "before the plan's year or after FY2100 (….milestones[0].due), or the mid-term years do not fit")
    public Response importDocument(
            @Parameter(example = "IPA-FY2024") @PathParam("code")
            @Size(max = 64) @Pattern(regexp = PlanRequest.CODE_PATTERN, message = PlanRequest.CODE_MESSAGE) String code,
            @Valid @NotNull PlanDocument document) {
        PlanDocumentImport.Outcome outcome = documents.apply(code, document);
        Response.ResponseBuilder response = outcome.planCreated()
                ? Response.created(URI.create("/api/v1/plans/" + code))
                : Response.ok();
        return response.entity(ImportResult.of(outcome)).build();
    }
}
