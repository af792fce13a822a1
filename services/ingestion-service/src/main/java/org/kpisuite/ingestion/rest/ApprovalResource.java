package org.kpisuite.ingestion.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.ingestion.domain.MeasurementReviews;
import org.kpisuite.ingestion.service.ApprovalRequest;
import org.kpisuite.ingestion.service.ApprovalService;
import org.kpisuite.ingestion.service.Submitter;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;

/** The review of submitted values: the approvers' queue, their decisions, and every step of a value's review. */
@Path("/api/v1/approvals")
@Tag(name = "Approvals", description = "Values are PROVISIONAL until an approver of their department approves them")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    /** States a value in force can be listed in. */
    public enum State {
        PROVISIONAL, RETURNED
    }

    @Inject
    ApprovalService approvals;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.APPROVER, Roles.ADMIN })
    @Operation(operationId = "decideApprovals", summary = "Approve or return submitted values",
            description = """
            Each decision approves the revision in force of one value, or returns it to its department with a \
            comment; each is kept as a step with who and when and published on kpi.measurements.v1 \
            (kpi.measurement.approval-decided.v1). A kpi-approver decides on its own department's values (the \
            token's department claim); an administrator on any. A correction is a new revision and PROVISIONAL \
            again, so a decision names the revision it is about (409 when the value was corrected since). The same \
            decision again is UNCHANGED. All decisions of a request are taken, or none.""")
    @APIResponse(responseCode = "200", description = "What each decision did, in order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApprovalService.Outcome.class)))
    @APIResponse(responseCode = "400", description = "A malformed decision (the field named)")
    @APIResponse(responseCode = "403", description = "A value of another department than the approver's")
    @APIResponse(responseCode = "404", description = "No such value was submitted")
    @APIResponse(responseCode = "409", description = "The value was corrected since: another revision is in force")
    @APIResponse(responseCode = "422", description = "A value returned without a comment")
    public List<ApprovalService.Outcome> decide(@Valid @NotNull ApprovalRequest request) {
        return approvals.decide(request, Submitter.of(caller));
    }

    @GET
    @Path("/queue")
    @RolesAllowed({ Roles.APPROVER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listApprovalQueue", summary = "Values waiting: for approval, or returned",
            description = "The values in force that are PROVISIONAL (waiting for an approver; the default) or "
                    + "RETURNED (waiting for their department), flagged values first (OUTLIER, RULE:…), then the "
                    + "longest waiting. An approver or submitter sees its own department's; an administrator any "
                    + "department's, or all.")
    @APIResponse(responseCode = "200", description = "The queue",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MeasurementReviews.Waiting.class)))
    @APIResponse(responseCode = "403", description = "Another department's queue")
    public List<MeasurementReviews.Waiting> queue(
            @Parameter(description = "PROVISIONAL (default) or RETURNED") @QueryParam("state") State state,
            @Parameter(description = "The department (default: the token's)", example = "digital-talent")
            @QueryParam("department") @Size(max = 64) String department,
            @Parameter(description = "Only values of this fiscal year", example = "2024")
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "At most this many, 1 to 1000 (default 200)", example = "200")
            @QueryParam("limit") @Min(1) @Max(1000) Integer limit) {
        String own = Submitter.of(caller).department();
        if (own != null && department != null && !own.equals(department)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "department: the token is of " + own
                    + ", not " + department, null);
        }
        return approvals.waiting((state == null ? State.PROVISIONAL : state).name(), own != null ? own : department,
                fiscalYear, limit == null ? 200 : limit);
    }

    @GET
    @Path("/steps")
    @RolesAllowed({ Roles.APPROVER, Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Operation(operationId = "listApprovalSteps", summary = "Every step of one value's review, in order")
    @APIResponse(responseCode = "200", description = "The steps (empty: never decided on)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MeasurementReviews.Step.class)))
    public List<MeasurementReviews.Step> steps(
            @QueryParam("indicatorCode") @NotBlank(message = "is required") @Size(max = 64) String indicatorCode,
            @QueryParam("department") @NotBlank(message = "is required") @Size(max = 64) String department,
            @Parameter(example = "2024-05") @QueryParam("period") @NotBlank(message = "is required") @Size(max = 7) String period,
            @QueryParam("component") @Size(max = 64) String component,
            @QueryParam("breakdown") @Size(max = 128) String breakdown) {
        return approvals.steps(new MeasurementKey(indicatorCode, component, breakdown, department, period));
    }
}
