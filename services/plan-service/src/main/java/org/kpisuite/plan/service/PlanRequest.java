package org.kpisuite.plan.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.fiscal.FiscalCalendar;

@Schema(description = "A new plan: an agency's annual plan for one fiscal year")
public record PlanRequest(
        @Schema(description = "Stable key of the plan, used in URLs", example = "IPA-FY2024")
        @NotBlank @Size(max = 64) @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String code,
        @Schema(description = "The agency whose plan it is", example = "IPA")
        @NotBlank @Size(max = 64) String agency,
        @Schema(description = "Japanese fiscal year (April to March) the plan is for", example = "2024")
        @NotNull @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
        @Schema(description = "The mid-term target period as the plan names it", example = "5th (FY2023–FY2027)")
        @Size(max = 100) String midTermPeriod,
        @Schema(description = "First fiscal year of the mid-term period", example = "2023")
        @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer midTermFirstYear,
        @Schema(description = "Last fiscal year of the mid-term period", example = "2027")
        @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer midTermLastYear,
        @Schema(example = "独立行政法人情報処理推進機構令和６年度計画") @NotBlank @Size(max = 500) String nameJa,
        @Schema(example = "Information-technology Promotion Agency, Japan: plan for FY2024") @Size(max = 500) String nameEn) {

    /** Letters, digits, '.', '_' and '-': a plan code travels in URL paths. */
    public static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String CODE_MESSAGE = "must start with a letter or digit and contain only letters, digits, '.', '_' and '-'";

    public PlanChangeRequest attributes() {
        return new PlanChangeRequest(agency, fiscalYear, midTermPeriod, midTermFirstYear, midTermLastYear, nameJa,
                nameEn);
    }
}
