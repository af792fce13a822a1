package org.kpisuite.plan.service;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A dated deliverable of a measure or initiative")
public record MilestoneRequest(
        @Schema(description = "Unique within the plan; absent on creation: the measure's code and .M1, .M2, …",
                example = "I.2.(3-1).1.M1", nullable = true)
        @Size(max = 80) String code,
        @Schema(example = "秋期試験の実施") @NotBlank @VisibleText @Size(max = 500) String nameJa,
        @Schema(example = "Autumn examination held") @Size(max = 500) String nameEn,
        @Schema(description = "The day it is due; not before the plan's fiscal year", example = "2024-10-31")
        @NotNull LocalDate due,
        @Schema(description = "What in the plan the due date is read from", example = "秋期試験（１０月）")
        @Size(max = 500) String dueBasis) {
}
