package org.kpisuite.ingestion.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasurementApprovalEvent;

@Schema(description = "Decisions on submitted values: each approves or returns one revision of one value")
public record ApprovalRequest(
        @NotEmpty(message = "must list at least one decision") @Size(max = 1000) List<@Valid @NotNull Decision> decisions) {

    @Schema(name = "ApprovalDecision", description = "Approve or return the revision in force of a value")
    public record Decision(
            @Schema(example = "manabi-dx-accesses") @NotBlank @Size(max = 64) String indicatorCode,
            @Schema(nullable = true, description = "For a ratio: numerator or denominator") @Size(max = 64) String component,
            @Schema(nullable = true, description = "The breakdown value, where the indicator has one") @Size(max = 128) String breakdown,
            @Schema(example = "digital-talent") @NotBlank @Size(max = 64) String department,
            @Schema(example = "2024-05", pattern = "^(\\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])|FY\\d{4})$")
            @NotBlank @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])|FY\\d{4}",
                    message = "must be a period: 2024-05, 2024-Q1, 2024-H1 or FY2024") String period,
            @Schema(description = "The revision decided on: the one in force, as the queue shows it", example = "1")
            @NotNull @Min(1) Integer revision,
            @Schema(example = "APPROVED") @NotNull MeasurementApprovalEvent.Decision decision,
            @Schema(description = "Required to return a value: what the department should look at", nullable = true)
            @Size(max = 2000) String comment) {
    }
}
