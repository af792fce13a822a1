package org.kpisuite.indicator.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.indicator.service.BudgetRequest;
import org.kpisuite.indicator.service.BudgetService;
import org.kpisuite.indicator.service.IndicatorService;
import org.kpisuite.security.Roles;

@Path("/api/v1/budgets/{fiscalYear}")
@Tag(name = "Budgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BudgetResource {

    @Inject
    BudgetService service;

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putBudget", summary = "Set a fiscal year's budget (a new version if it differs)",
            description = "The tables of the plan's budget, income-and-expenditure plan and cash-flow plan as printed, "
                    + "and the borrowing ceiling. A budget that differs from the one in force is its next version (a "
                    + "revision, 補正); earlier versions stay readable. An identical one changes nothing. Every line "
                    + "that takes actuals gets an indicator `{table code}-{line key}` (reference-only, no target) that "
                    + "finance reports monthly actuals to through ingestion; the ceiling gets one for the balance.")
    @APIResponse(responseCode = "201", description = "The first version",
            content = @Content(schema = @Schema(implementation = BudgetEvent.class)))
    @APIResponse(responseCode = "200", description = "A new version (X-Outcome CHANGED) or none (UNCHANGED)",
            content = @Content(schema = @Schema(implementation = BudgetEvent.class)))
    @APIResponse(responseCode = "409", description = "A line's code is taken by an indicator that is not a budget line")
    @APIResponse(responseCode = "422", description = "A table or line that breaks a rule, or an unknown plan")
    public Response put(@PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @NotNull BudgetRequest request) {
        BudgetService.Result result = service.put(fiscalYear, request);
        return Response.status(result.outcome() == org.kpisuite.indicator.service.IndicatorService.Outcome.CREATED ? 201 : 200)
                .header("X-Outcome", result.outcome().name())
                .entity(result.budget()).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "getBudget", summary = "The budget in force for a fiscal year")
    @APIResponse(responseCode = "200", description = "The latest version",
            content = @Content(schema = @Schema(implementation = BudgetEvent.class)))
    @APIResponse(responseCode = "404", description = "No budget for that year")
    public BudgetEvent get(@PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear) {
        return service.latest(fiscalYear);
    }

    @GET
    @Path("/versions")
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listBudgetVersions", summary = "Every version of a fiscal year's budget, oldest first")
    public List<BudgetEvent> versions(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear) {
        return service.versions(fiscalYear);
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "getBudgetVersion", summary = "One version of a fiscal year's budget")
    @APIResponse(responseCode = "404", description = "No such version")
    public BudgetEvent version(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @PathParam("version") @Min(1) long version) {
        return service.version(fiscalYear, version);
    }

    @POST
    @Path("/lines/{lineCode}/analyses")
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "recordBudgetAnalysis",
            summary = "Record the cause analysis (要因分析) of a line's drift and the response (its next version)",
            description = "Each change is the line's next version; sending the latest version's cause and response "
                    + "again changes nothing (200, X-Outcome UNCHANGED): no version, no event.")
    @APIResponse(responseCode = "201", description = "Recorded: a new version (X-Outcome CREATED)",
            content = @Content(schema = @Schema(implementation = BudgetAnalysisResponse.class)))
    @APIResponse(responseCode = "200", description = "Unchanged: the latest version (X-Outcome UNCHANGED)",
            content = @Content(schema = @Schema(implementation = BudgetAnalysisResponse.class)))
    @APIResponse(responseCode = "403", description = "Not the budget's department")
    @APIResponse(responseCode = "404", description = "No such budget or line")
    @APIResponse(responseCode = "422", description = "A blank cause or response")
    public Response analyse(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @PathParam("lineCode") String lineCode, @NotNull BudgetAnalysisRequest request) {
        BudgetService.Analysed analysed = service.analyse(fiscalYear, lineCode, request.cause(), request.response());
        Response.ResponseBuilder answer = analysed.outcome() == IndicatorService.Outcome.CREATED
                ? Response.created(URI.create("/api/v1/budgets/" + fiscalYear + "/lines/" + lineCode + "/analyses"))
                : Response.ok();
        return answer.header("X-Outcome", analysed.outcome().name())
                .entity(BudgetAnalysisResponse.of(analysed.analysis())).build();
    }

    @GET
    @Path("/lines/{lineCode}/analyses")
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listBudgetAnalyses", summary = "Every version of a line's analysis, oldest first")
    public List<BudgetAnalysisResponse> analyses(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @PathParam("lineCode") String lineCode) {
        return service.analyses(fiscalYear, lineCode).stream().map(BudgetAnalysisResponse::of).toList();
    }
}
