package org.kpisuite.reporting.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.kpisuite.problem.ProblemException;
import org.kpisuite.reporting.service.BudgetReports;
import org.kpisuite.reporting.service.BudgetVariance;
import org.kpisuite.security.Roles;

@Path("/api/v1/budgets/{fiscalYear}")
@Tag(name = "Budgets", description = "Budget against actuals (予実管理)")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    @Inject
    BudgetReports reports;

    @GET
    @Path("/variance")
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "getBudgetVariance", summary = "Budget against actuals per line, account and the agency",
            description = """
            Every table of the budget in force (予算, 収支計画, 資金計画; the whole agency, each account, each segment) \
            with, per line: the printed budget, the sum of its parts and the difference where the plan's rounding \
            leaves one, the actual to date, the execution rate, the share expected by now (last year's monthly \
            profile of the line where last year's actuals add up to a positive total, else linear), the projected \
            year end (actual / expected share), the projected variance and its rate, the status (DRIFTING past the \
            configured threshold, either way) and finance's analysis in force. `drifting` lists the drifting \
            lines, largest variance first; `ceiling` is the borrowing balance against its limit. Actuals are the \
            line indicators' values as known at the end of asOf (default today, Japan time).""")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = BudgetVariance.Report.class)))
    @APIResponse(responseCode = "404", description = "No budget for that fiscal year (yet)")
    public BudgetVariance.Report variance(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @Parameter(description = "Report as known at the end of this day (default: today, Japan time)", example = "2024-09-30")
            @QueryParam("asOf") LocalDate asOf) {
        LocalDate day = asOf == null ? reports.today() : asOf;
        return reports.report(fiscalYear, day)
                .orElseThrow(() -> ProblemException.notFound("budget", "FY" + fiscalYear));
    }
}
