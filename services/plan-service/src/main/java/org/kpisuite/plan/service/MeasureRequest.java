package org.kpisuite.plan.service;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A measure (①, or a lettered sub-measure a. of one) or an important initiative of a plan item; "
        + "replaces every attribute but its status, milestones and commentary")
public record MeasureRequest(
        @Schema(description = "The plan it belongs to", example = "IPA-FY2024") @NotBlank @VisibleText @Size(max = 64) String planCode,
        @Schema(description = "Unique within the plan: the item's code, the measure's number, a sub-measure's letter; "
                + "an initiative's is the item's code and IMPn", example = "I.2.(3-1).1")
        @NotBlank @VisibleText @Size(max = 64) String code,
        @Schema(description = "MEASURE or INITIATIVE (【令和６年度における重要な取組】)", example = "MEASURE") @NotNull Kind kind,
        @Schema(description = "The plan item it sits under, in the same plan") @NotNull UUID planItemId,
        @Schema(description = "For a lettered sub-measure: the measure it belongs to, under the same item", nullable = true)
        UUID parentId,
        @Schema(description = "As printed: ①, a.", example = "①") @Size(max = 16) String marker,
        @Schema(description = "A sub-measure's heading as printed", example = "自律移動ロボット関連") @Size(max = 500) String titleJa,
        @Schema(description = "The measure's text as printed in the plan",
                example = "春期試験（４月）、秋期試験（１０月）並びにＣＢＴ方式による試験を着実に実施する。")
        @NotBlank @VisibleText @Size(max = MeasureRules.MAX_TEXT) String textJa,
        @Schema(example = "Hold the spring (April), autumn (October) and CBT examinations") @Size(max = 1000) String nameEn,
        @Schema(description = "The owning department: its submitters write the status and commentary",
                example = "digital-talent") @NotBlank @VisibleText @Size(max = 64) String department,
        @Schema(description = "Order among the item's measures (or the measure's sub-measures)", example = "1")
        @PositiveOrZero Integer sortOrder,
        @Schema(description = "For an initiative: the codes of the plan items it concerns", example = "[\"I.2.(3-1)\"]")
        List<@NotBlank @VisibleText @Size(max = 64) String> concerns) {

    public List<String> concernsOrEmpty() {
        return concerns == null ? List.of() : concerns;
    }
}
