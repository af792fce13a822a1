package org.kpisuite.plan.service;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A dated deliverable of a document measure or initiative; codes are unique within the plan")
public record PlanDocumentMilestone(
        @Schema(description = "The owner's code and .M1, .M2, …", example = "I.1.IMP2.M1") @NotBlank @VisibleText @Size(max = 80) String code,
        @Schema(example = "未踏事業の二期制導入に向けた検討") @NotBlank @VisibleText @Size(max = 500) String nameJa,
        @Schema(example = "Study of a two-term Mitou programme") @Size(max = 500) String nameEn,
        @Schema(description = "Not before the plan's fiscal year", example = "2025-03-31") @NotNull LocalDate due,
        @Schema(description = "What in the plan the due date is read from", example = "令和６年度中")
        @Size(max = 500) String dueBasis) {
}
