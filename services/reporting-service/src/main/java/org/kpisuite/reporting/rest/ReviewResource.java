package org.kpisuite.reporting.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.kpisuite.reporting.service.PlanReviews;
import org.kpisuite.reporting.service.ReviewComparison;
import org.kpisuite.reporting.service.ReviewRequest;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;

@Path("/api/v1/reviews")
@Tag(name = "Plan execution")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String CODE_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    @Inject
    PlanReviews reviews;

    @Inject
    Caller caller;

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}")
    @Operation(operationId = "takeReview", summary = "Take a review (a named snapshot of the plan as of a date), or take it again",
            description = "The plan's tree (GET /api/v1/plan-tree) as of asOf, with everything recorded by recordedBy "
                    + "(default: now), kept under the code. Taking it again with the same code recomputes it from the "
                    + "event history with the kept asOf and recordedBy, keeps what was taken first and says in "
                    + "`reproduced` whether the recomputation came out the same; a different asOf, plan or "
                    + "recordedBy is a 409.")
    @APIResponse(responseCode = "201", description = "Taken",
            content = @Content(schema = @Schema(implementation = PlanReviews.Review.class)))
    @APIResponse(responseCode = "200", description = "Taken again: the review as first taken, and reproduced",
            content = @Content(schema = @Schema(implementation = PlanReviews.Review.class)))
    @APIResponse(responseCode = "400", description = "A malformed code or field (named)")
    @APIResponse(responseCode = "404", description = "No such plan, or no plan with measures in the fiscal year")
    @APIResponse(responseCode = "409", description = "The code is taken with another asOf, plan or recordedBy (named), "
            + "or a rebuild of the read model is running")
    @APIResponse(responseCode = "422", description = "asOf after today, recordedBy in the future, or planCode names "
            + "a plan of another fiscal year")
    public Response take(
            @Parameter(description = "The review's key", example = "FY2024-H1")
            @PathParam("code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @Valid @NotNull ReviewRequest request) {
        PlanReviews.Taken taken = reviews.take(code, request, caller.subject());
        return (taken.created() ? Response.status(Response.Status.CREATED) : Response.ok()).entity(taken.review()).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listReviews", summary = "The reviews taken, by date, without their trees")
    @APIResponse(responseCode = "200", description = "The reviews",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PlanReviews.Summary.class)))
    public List<PlanReviews.Summary> list(
            @Parameter(description = "Only reviews of this fiscal year", example = "2024")
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "Only reviews of this plan", example = "IPA-FY2024") @QueryParam("planCode") String planCode) {
        return reviews.list(fiscalYear, planCode);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/compare")
    @Operation(operationId = "compareReviews", summary = "What changed from one review to another",
            description = "Measures and initiatives whose status changed (or that came or went), milestones that "
                    + "slipped (due later, or overdue now and not then) and indicators that moved (status, actual or "
                    + "achievement rate). Reviews of two fiscal years' plans compare by the codes they share; from and "
                    + "to each say their fiscalYear.")
    @APIResponse(responseCode = "200", description = "The changes",
            content = @Content(schema = @Schema(implementation = ReviewComparison.class)))
    @APIResponse(responseCode = "400", description = "from or to missing or malformed")
    @APIResponse(responseCode = "404", description = "No such review")
    public ReviewComparison compare(
            @Parameter(description = "The earlier review", example = "FY2024-H1", required = true)
            @QueryParam("from") @NotNull(message = "is required") @Pattern(regexp = CODE, message = CODE_MESSAGE) String from,
            @Parameter(description = "The later review", example = "FY2024-FY", required = true)
            @QueryParam("to") @NotNull(message = "is required") @Pattern(regexp = CODE, message = CODE_MESSAGE) String to) {
        return reviews.compare(from, to);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{code}")
    @Operation(operationId = "getReview", summary = "A review as it was taken")
    @APIResponse(responseCode = "200", description = "The review",
            content = @Content(schema = @Schema(implementation = PlanReviews.Review.class)))
    @APIResponse(responseCode = "404", description = "No such review")
    public PlanReviews.Review get(@Parameter(example = "FY2024-H1") @PathParam("code") String code) {
        return reviews.get(code);
    }
}
