package org.kpisuite.reporting.service;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The minister's grade of an evaluation item, as notified to the agency")
public record MinisterEvaluationRequest(
        @Schema(description = "S, A, B, C or D", example = "B")
        @NotNull(message = "is required") @Pattern(regexp = "[SABCD]", message = "must be S, A, B, C or D") String grade,
        @Schema(description = "The minister's comments", nullable = true) @Size(max = 4000) String comment) {
}
