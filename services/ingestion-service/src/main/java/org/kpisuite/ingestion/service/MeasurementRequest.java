package org.kpisuite.ingestion.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.ColumnNumber;

@Schema(description = "One monthly value of an indicator")
public record MeasurementRequest(
        @Schema(example = "manabi-dx-accesses") @NotBlank @Size(max = 64) String indicatorCode,
        @Schema(description = "For a ratio: numerator or denominator", example = "null", nullable = true)
        @Size(max = 64) String component,
        @Schema(description = "The breakdown value, where the indicator has a breakdown", example = "null", nullable = true)
        @Size(max = 128) String breakdown,
        @Schema(description = "The reporting department: a kpi-submitter's comes from its token (if given, it must be "
                + "the same); a kpi-admin must name it", example = "digital-talent", nullable = true)
        @Size(max = 64) String department,
        @Schema(description = "The month, YYYY-MM", example = "2024-05")
        @NotBlank @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month formatted YYYY-MM") String month,
        @Schema(example = "25000") @NotNull @ColumnNumber BigDecimal value,
        @Schema(example = "from the portal's access log") @Size(max = 1000) String note,
        @Schema(description = "Required when the value corrects an earlier one", example = "null", nullable = true)
        @Size(max = 1000) String reason) {
}
