package org.kpisuite.reporting.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.reporting.service.PlanTree;
import org.kpisuite.reporting.service.PlanTreeService;
import org.kpisuite.security.Roles;

@Path("/api/v1/plan-tree")
@Tag(name = "Plan execution", description = "The plan's tree with indicators, measures, initiatives, milestones and "
        + "commentary as of a date, and reviews: named snapshots of it, reproducible from the event history")
@Produces(MediaType.APPLICATION_JSON)
public class PlanTreeResource {

    @Inject
    PlanTreeService trees;

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "getPlanTree", summary = "The plan tree as of a date",
            description = "Items in plan order; on each its indicators with their progress as of asOf, its important "
                    + "initiatives and its measures (sub-measures below them) with their milestones (OVERDUE: past "
                    + "due and not done as of asOf) and the latest commentary of each review period. A past asOf "
                    + "shows what was recorded by the end of that day (Japan time), as GET /api/v1/progress does; "
                    + "today shows everything recorded so far. attention rolls up what needs a look per item.")
    @APIResponse(responseCode = "200", description = "The tree",
            content = @Content(schema = @Schema(implementation = PlanTree.class)))
    @APIResponse(responseCode = "400", description = "Missing or malformed fiscalYear or asOf")
    @APIResponse(responseCode = "404", description = "No such plan, or no plan with measures in the fiscal year")
    @APIResponse(responseCode = "422", description = "planCode names a plan of another fiscal year")
    public PlanTree tree(
            @Parameter(description = "Japanese fiscal year of the plan (April to March)", example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "The plan; default: the plan with the most measures in the fiscal year",
                    example = "IPA-FY2024") @QueryParam("planCode") String planCode,
            @Parameter(description = "The day (default: today, Japan time)", example = "2024-09-30")
            @QueryParam("asOf") LocalDate asOf) {
        return trees.tree(fiscalYear, planCode, asOf == null ? trees.today() : asOf);
    }
}
