package org.kpisuite.indicator.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.fiscal.FiscalCalendar;

@Schema(description = "The target of one fiscal year (April to March)")
public record TargetRequest(
        @Schema(example = "2024") @NotNull @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
        @Schema(example = "AT_LEAST") @NotNull Comparator comparator,
        @Schema(description = "Absent only for a reference-only indicator", example = "300000") BigDecimal value) {
}
