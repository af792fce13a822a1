package org.kpisuite.reporting.service;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.VisibleText;

@Schema(description = "Take a review: a named snapshot of a plan as of a date, as recorded by an instant")
public record ReviewRequest(
        @Schema(description = "What the review is called", example = "FY2024 H1 (上期)") @NotBlank @VisibleText @Size(max = 200) String name,
        @Schema(description = "Japanese fiscal year of the plan", example = "2024")
        @NotNull @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
        @Schema(description = "The plan; absent: the plan with the most measures in the fiscal year", example = "IPA-FY2024",
                nullable = true) @Size(max = 64) String planCode,
        @Schema(description = "The date the review looks at: progress and overdue milestones as of it; not after today",
                example = "2024-09-30") @NotNull LocalDate asOf,
        @Schema(description = "What was recorded by this instant counts (not in the future); absent: the moment the "
                + "review is first taken. Kept with the review, so taking it again gives the same result.",
                example = "2024-10-31T09:00:00+09:00", nullable = true) Instant recordedBy) {
}
