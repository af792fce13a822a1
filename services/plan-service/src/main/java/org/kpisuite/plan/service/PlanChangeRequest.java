package org.kpisuite.plan.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.VisibleText;

/**
 * A plan's attributes, declared once: the body of a change, and what a new plan ({@link PlanRequest}) and a whole-plan
 * document ({@link PlanDocument}) add their fields to. Classes rather than records, so that those two inherit these
 * fields and their rules; the OpenAPI document shows each body flat, as before.
 */
@Schema(description = "A plan's attributes, everything but its code: replaces them all")
public class PlanChangeRequest {

    @Schema(description = "The agency whose plan it is", example = "IPA")
    @NotBlank @VisibleText @Size(max = 64)
    public String agency;

    @Schema(description = "Japanese fiscal year (April to March) the plan is for", example = "2024")
    @NotNull @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR)
    public Integer fiscalYear;

    @Schema(description = "The mid-term target period as the plan names it", example = "5th (FY2023–FY2027)")
    @Size(max = 100)
    public String midTermPeriod;

    @Schema(description = "First fiscal year of the mid-term period", example = "2023")
    @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR)
    public Integer midTermFirstYear;

    @Schema(description = "Last fiscal year of the mid-term period", example = "2027")
    @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR)
    public Integer midTermLastYear;

    @Schema(example = "独立行政法人情報処理推進機構令和６年度計画")
    @NotBlank @VisibleText @Size(max = 500)
    public String nameJa;

    @Schema(example = "Information-technology Promotion Agency, Japan: plan for FY2024")
    @Size(max = 500)
    public String nameEn;
}
