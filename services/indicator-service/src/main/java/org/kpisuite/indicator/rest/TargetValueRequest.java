package org.kpisuite.indicator.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.Comparator;

@Schema(description = "The target of the fiscal year named in the path")
public record TargetValueRequest(
        @Schema(example = "AT_LEAST") @NotNull Comparator comparator,
        @Schema(description = "Absent only for a reference-only indicator", example = "300000") BigDecimal value) {
}
