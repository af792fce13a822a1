package org.kpisuite.plan.service;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A chapter, item or measure of a plan")
public record PlanItemRequest(
        @Schema(description = "The plan this item belongs to", example = "IPA-FY2024")
        @NotBlank @VisibleText @Size(max = 64) String planCode,
        @Schema(description = "The plan's own code of the item", example = "I.2")
        @NotBlank @VisibleText @Size(max = 64) String code,
        @Schema(description = "The enclosing item; absent or null for a chapter",
                example = "0b3c8a52-6f0e-4f1e-9a43-2d7c1e5b9f10", nullable = true)
        UUID parentId,
        @Schema(example = "ＤＸを担うデジタル人材の育成推進") @NotBlank @VisibleText @Size(max = 500) String nameJa,
        @Schema(example = "Developing digital talent for DX") @Size(max = 500) String nameEn,
        @Schema(description = "Order among siblings", example = "2") @PositiveOrZero Integer sortOrder,
        @Schema(description = "Marked 【令和６年度における重要な取組】 in the plan", example = "false")
        Boolean importantInitiative) {
}
