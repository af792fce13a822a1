package org.kpisuite.plan.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.fiscal.FiscalCalendar;

@Schema(description = "A whole plan in one document: its attributes and its tree of items. Items are matched to "
        + "stored ones by code; sortOrder is the position among siblings, starting at 1.")
public record PlanDocument(
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
        @Schema(example = "独立行政法人情報処理推進機構 令和６年度計画") @NotBlank @Size(max = 500) String nameJa,
        @Schema(example = "IPA annual plan for FY2024") @Size(max = 500) String nameEn,
        @Schema(description = "The chapters, in plan order, each with its items below it")
        List<@Valid @NotNull PlanDocumentItem> items) {

    public PlanChangeRequest attributes() {
        return new PlanChangeRequest(agency, fiscalYear, midTermPeriod, midTermFirstYear, midTermLastYear, nameJa,
                nameEn);
    }

    public List<PlanDocumentItem> itemsOrEmpty() {
        return items == null ? List.of() : items;
    }
}
