package org.kpisuite.plan.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A chapter, item or measure of a plan document, with its children; codes are unique "
        + "within the plan")
public record PlanDocumentItem(
        @Schema(description = "The plan's own code of the item", example = "I.2.(3-1)①")
        @NotBlank @VisibleText @Size(max = 64) String code,
        @Schema(example = "春期試験（４月）、秋期試験（１０月）並びにＣＢＴ方式による試験を着実に実施する")
        @NotBlank @VisibleText @Size(max = 500) String nameJa,
        @Schema(example = "Hold the spring (April), autumn (October) and CBT examinations") @Size(max = 500) String nameEn,
        @Schema(description = "Marked 【令和６年度における重要な取組】 in the plan; absent means false", example = "false")
        Boolean importantInitiative,
        @Schema(description = "The children, in plan order")
        List<@Valid @NotNull PlanDocumentItem> items,
        @Schema(description = "The item's numbered measures (①, ②, …), in plan order")
        List<@Valid @NotNull PlanDocumentMeasure> measures,
        @Schema(description = "The important initiatives (【令和６年度における重要な取組】) the item heads, in plan order")
        List<@Valid @NotNull PlanDocumentMeasure> initiatives) {

    public List<PlanDocumentItem> itemsOrEmpty() {
        return items == null ? List.of() : items;
    }

    public List<PlanDocumentMeasure> measuresOrEmpty() {
        return measures == null ? List.of() : measures;
    }

    public List<PlanDocumentMeasure> initiativesOrEmpty() {
        return initiatives == null ? List.of() : initiatives;
    }
}
