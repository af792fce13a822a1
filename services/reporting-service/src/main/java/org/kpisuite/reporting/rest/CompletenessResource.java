package org.kpisuite.reporting.rest;

import java.time.LocalDate;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.security.Roles;
import org.kpisuite.reporting.service.CompletenessService;

@Path("/api/v1/completeness")
@Tag(name = "Progress")
@Produces(MediaType.APPLICATION_JSON)
public class CompletenessResource {

    @Inject
    CompletenessService service;

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "getCompleteness",
            summary = "Per ended period: expected values, which are missing, which came after the deadline",
            description = "A monthly flow indicator (SUM, AVERAGE, MAX, YOY_CHANGE) is expected every month from its "
                    + "owning department; an indicator reported QUARTERLY, HALF_YEARLY or ANNUALLY once per period "
                    + "(2024-Q1, 2024-H1, FY2024), after the period has ended. Reference indicators and distinct counts "
                    + "are never missing. The deadline is kpi.reporting.deadline-business-days (default 10) business "
                    + "days after the period's last month ends. Entries are in the order of their deadlines; month is "
                    + "set for monthly periods only.")
    public List<CompletenessService.Month> completeness(
            @Parameter(example = "2024", required = true)
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(example = "2024-09-30") @QueryParam("asOf") LocalDate asOf) {
        return service.completeness(fiscalYear, asOf == null ? LocalDate.now(service.zone()) : asOf);
    }
}
