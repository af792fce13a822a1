package org.kpisuite.plan.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A measure (①, with its lettered sub-measures a.) or an important initiative of a plan document "
        + "item; codes are unique within the plan. Status, done dates and commentary are not part of a document: an "
        + "import never changes them.")
public record PlanDocumentMeasure(
        @Schema(description = "Unique within the plan", example = "I.2.(3-1).1") @NotBlank @VisibleText @Size(max = 64) String code,
        @Schema(description = "As printed", example = "①") @Size(max = 16) String marker,
        @Schema(description = "A sub-measure's heading as printed", example = "自律移動ロボット関連") @Size(max = 500) String titleJa,
        @Schema(description = "The text as printed in the plan",
                example = "春期試験（４月）、秋期試験（１０月）並びにＣＢＴ方式による試験を着実に実施する。")
        @NotBlank @VisibleText @Size(max = MeasureRules.MAX_TEXT) String textJa,
        @Schema(example = "Hold the spring (April), autumn (October) and CBT examinations") @Size(max = 1000) String nameEn,
        @Schema(description = "The owning department", example = "digital-talent") @NotBlank @VisibleText @Size(max = 64) String department,
        @Schema(description = "An initiative's items, by code", example = "[\"I.2.(3-1)\"]")
        List<@NotBlank @VisibleText @Size(max = 64) String> concerns,
        @Schema(description = "Lettered sub-measures, in plan order") List<@Valid @NotNull PlanDocumentMeasure> measures,
        @Schema(description = "Dated deliverables") List<@Valid @NotNull PlanDocumentMilestone> milestones) {

    public List<String> concernsOrEmpty() {
        return concerns == null ? List.of() : concerns;
    }

    public List<PlanDocumentMeasure> measuresOrEmpty() {
        return measures == null ? List.of() : measures;
    }

    public List<PlanDocumentMilestone> milestonesOrEmpty() {
        return milestones == null ? List.of() : milestones;
    }
}
