package org.kpisuite.ingestion.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A month to close or reopen, for one indicator, one department, both, or all (null = every one)")
public record PeriodRequest(
        @Schema(description = "The month, YYYY-MM", example = "2024-05")
        @NotBlank @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month formatted YYYY-MM") String month,
        @Schema(description = "null: every indicator", example = "null", nullable = true) @Size(max = 64) String indicatorCode,
        @Schema(description = "null: every department", example = "null", nullable = true) @Size(max = 64) String department) {
}
