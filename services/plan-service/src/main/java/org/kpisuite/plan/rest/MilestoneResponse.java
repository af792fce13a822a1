package org.kpisuite.plan.rest;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.plan.domain.Milestone;

@Schema(description = "A dated deliverable of a measure or initiative")
public record MilestoneResponse(
        @Schema(example = "5d0c2f1e-8a4b-4c6d-9e7f-1a2b3c4d5e6f") UUID id,
        @Schema(description = "The measure or initiative it belongs to") UUID measureId,
        @Schema(example = "I.2.(3-1).1.M1") String code,
        @Schema(example = "秋期試験の実施") String nameJa,
        @Schema(nullable = true, example = "Autumn examination held") String nameEn,
        @Schema(example = "2024-10-31") LocalDate due,
        @Schema(nullable = true, example = "秋期試験（１０月）") String dueBasis,
        @Schema(nullable = true, description = "The day it was delivered; null while it is not", example = "2024-10-20")
        LocalDate doneOn,
        @Schema(description = "Past its due date (Japan time) and not done: reporting-service announces it on "
                + "kpi.milestone-status.v1", example = "false")
        boolean overdue) {

    static MilestoneResponse of(Milestone m, LocalDate today) {
        return new MilestoneResponse(m.id, m.measureId, m.code, m.nameJa, m.nameEn, m.due, m.dueBasis, m.doneOn,
                m.doneOn == null && m.due.isBefore(today));
    }
}
