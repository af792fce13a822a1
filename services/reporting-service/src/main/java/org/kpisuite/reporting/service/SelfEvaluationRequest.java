package org.kpisuite.reporting.service;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The agency's own grade of an evaluation item, with its rationale")
public record SelfEvaluationRequest(
        @Schema(description = "S, A, B, C or D", example = "A")
        @NotNull(message = "is required") @Pattern(regexp = "[SABCD]", message = "must be S, A, B, C or D") String grade,
        @Schema(description = "Why: required for S, where the grade differs from the proposal, and where nothing is "
                + "proposed", example = "目標を大きく上回る成果…", nullable = true)
        @Size(max = 4000) String rationale) {
}
