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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.events.CommentaryEvent.ReviewPeriod;
import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.plan.domain.Commentary;
import org.kpisuite.plan.domain.MeasureChange;
import org.kpisuite.plan.domain.Milestone;
import org.kpisuite.plan.service.CommentaryRequest;
import org.kpisuite.plan.service.MeasureRequest;
import org.kpisuite.plan.service.MeasureService;
import org.kpisuite.plan.service.MilestoneRequest;
import org.kpisuite.plan.service.StatusRequest;
import org.kpisuite.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/measures")
@Tag(name = "Plan execution", description = "Measures and important initiatives of a plan: their owning department, "
        + "status, milestones and commentary per review period. Administrators edit the tree; a kpi-submitter writes "
        + "status, commentary and done dates for its own department's measures only.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeasureResource {

    static final String OUTCOME = "X-Outcome";

    @Inject
    MeasureService service;

    @Inject
    ObjectMapper mapper;

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listMeasures",
            summary = "List measures and initiatives, with their milestones and latest commentary, ordered by plan and code")
    @APIResponse(responseCode = "200", description = "The measures, flat (parentId links a sub-measure to its measure)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MeasureResponse.class)))
    public List<MeasureResponse> list(
            @Parameter(description = "Only measures of this plan", example = "IPA-FY2024") @QueryParam("planCode") String planCode,
            @Parameter(description = "Only the measure with this code", example = "I.2.(3-1).1") @QueryParam("code") String code,
            @Parameter(description = "Only measures this department owns", example = "digital-talent")
            @QueryParam("department") String department,
            @Parameter(description = "Only measures or only initiatives", example = "INITIATIVE") @QueryParam("kind") Kind kind,
            @Parameter(description = "Only measures of this plan item") @QueryParam("planItemId") UUID planItemId) {
        return MeasureResponse.of(service.list(planCode, code, department, kind, planItemId), service.today());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}")
    @Operation(operationId = "getMeasure", summary = "Read one measure or initiative")
    @APIResponse(responseCode = "200", description = "The measure",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measure")
    public MeasureResponse get(@PathParam("id") UUID id) {
        return MeasureResponse.of(service.get(id), service.today());
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createMeasure", summary = "Create a measure or initiative under a plan item (status NOT_STARTED)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)))
    @APIResponse(responseCode = "409", description = "The plan already has a measure with this code")
    @APIResponse(responseCode = "422", description = "Unknown plan (planCode), item (planItemId), parent (parentId) or "
            + "concerned item (concerns[i])")
    public Response create(@Valid @NotNull MeasureRequest request) {
        var measure = service.create(request);
        return Response.created(URI.create("/api/v1/measures/" + measure.id))
                .entity(MeasureResponse.of(measure, service.today())).build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(operationId = "updateMeasure",
            summary = "Change a measure's place, text, names or owning department (not its status, milestones or commentary)")
    @APIResponse(responseCode = "200", description = "Changed (or already so)",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measure")
    @APIResponse(responseCode = "409", description = "Another measure of the plan has this code")
    @APIResponse(responseCode = "422", description = "Another plan, or an unknown or unfit item, parent or concerned item")
    public MeasureResponse update(@PathParam("id") UUID id, @Valid @NotNull MeasureRequest request) {
        return MeasureResponse.of(service.update(id, request), service.today());
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(operationId = "deleteMeasure", summary = "Delete a measure without commentary or sub-measures",
            description = "Its milestones go with it; a removal event is published. A measure that has commentary "
                    + "keeps its history: set its status to DROPPED instead.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such measure")
    @APIResponse(responseCode = "409", description = "It has commentary or sub-measures (field id)")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @PUT
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}/status")
    @Operation(operationId = "setMeasureStatus",
            summary = "Set where a measure stands: NOT_STARTED, ON_TRACK, DELAYED, DONE or DROPPED",
            description = "A kpi-submitter only for its own department's measures. A change is a new version "
                    + "(GET …/history) and an event; the same status again changes nothing.")
    @APIResponse(responseCode = "200", description = "The measure; X-Outcome says CHANGED or UNCHANGED",
            headers = @Header(name = OUTCOME, schema = @Schema(type = SchemaType.STRING, enumeration = { "CHANGED", "UNCHANGED" })),
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)))
    @APIResponse(responseCode = "400", description = "A missing or unknown status (field status)")
    @APIResponse(responseCode = "403", description = "The measure belongs to another department")
    @APIResponse(responseCode = "404", description = "No such measure")
    public Response setStatus(@PathParam("id") UUID id, @Valid @NotNull StatusRequest request) {
        var written = service.setStatus(id, request);
        return Response.ok(MeasureResponse.of(written.value(), service.today()))
                .header(OUTCOME, written.outcome().name()).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}/history")
    @Operation(operationId = "getMeasureHistory", summary = "Every version of a measure: who changed what and when")
    @APIResponse(responseCode = "200", description = "The versions, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MeasureVersionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measure")
    public List<MeasureVersionResponse> history(@PathParam("id") UUID id) {
        service.get(id);
        return MeasureChange.of(id).stream().map(c -> MeasureVersionResponse.of(c, mapper)).toList();
    }

    @PUT
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}/commentary/{period}")
    @Operation(operationId = "writeCommentary",
            summary = "Write the commentary of a review period: what was done, problems, next steps, evidence links",
            description = "H1 is the first half (上期, April–September), FY the year end. A kpi-submitter only for its "
                    + "own department's measures. Each change is a new revision, kept with who and when; sending "
                    + "the latest revision's content again changes nothing (200, X-Outcome UNCHANGED).")
    @APIResponse(responseCode = "201", description = "A new revision (X-Outcome CREATED)",
            headers = @Header(name = OUTCOME, schema = @Schema(type = SchemaType.STRING, enumeration = { "CREATED", "UNCHANGED" })),
            content = @Content(schema = @Schema(implementation = CommentaryResponse.class)))
    @APIResponse(responseCode = "200", description = "Unchanged: the latest revision (X-Outcome UNCHANGED)",
            content = @Content(schema = @Schema(implementation = CommentaryResponse.class)))
    @APIResponse(responseCode = "400", description = "An unknown period (field period), or a malformed field")
    @APIResponse(responseCode = "403", description = "The measure belongs to another department")
    @APIResponse(responseCode = "404", description = "No such measure")
    @APIResponse(responseCode = "422", description = "No text at all (field done), or an evidence link that is no "
            + "http(s) URL (evidence[i])")
    public Response writeCommentary(@PathParam("id") UUID id,
            @Parameter(description = "H1 or FY", example = "H1", schema = @Schema(enumeration = { "H1", "FY" }))
            @PathParam("period") ReviewPeriod period,
            @Valid @NotNull CommentaryRequest request) {
        var written = service.writeCommentary(id, period, request);
        Response.ResponseBuilder answer = written.outcome() == MeasureService.Outcome.CREATED
                ? Response.status(Response.Status.CREATED) : Response.ok();
        return answer.entity(CommentaryResponse.of(written.value())).header(OUTCOME, written.outcome().name()).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}/commentary")
    @Operation(operationId = "listCommentary", summary = "Every revision of a measure's commentary, by period and revision")
    @APIResponse(responseCode = "200", description = "The revisions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CommentaryResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measure")
    public List<CommentaryResponse> commentary(@PathParam("id") UUID id) {
        service.get(id);
        return Commentary.of(id).stream().map(CommentaryResponse::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}/milestones")
    @Operation(operationId = "addMilestone", summary = "Give a measure or initiative a dated milestone")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MilestoneResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measure")
    @APIResponse(responseCode = "409", description = "The plan already has a milestone with this code")
    @APIResponse(responseCode = "422", description = "Due before the plan's fiscal year (field due)")
    public Response addMilestone(@PathParam("id") UUID id, @Valid @NotNull MilestoneRequest request) {
        Milestone milestone = service.addMilestone(id, request);
        return Response.created(URI.create("/api/v1/milestones/" + milestone.id))
                .entity(MilestoneResponse.of(milestone, service.today())).build();
    }
}
