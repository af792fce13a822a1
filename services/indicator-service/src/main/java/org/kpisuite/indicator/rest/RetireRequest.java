package org.kpisuite.indicator.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.fiscal.FiscalCalendar;

@Schema(description = "Retires an indicator after a fiscal year")
public record RetireRequest(
        @Schema(description = "The last fiscal year the indicator is reported in", example = "2024")
        @NotNull @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer lastFiscalYear) {
}
