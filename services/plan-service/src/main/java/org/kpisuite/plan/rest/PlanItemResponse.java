package org.kpisuite.plan.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.plan.domain.PlanItem;

@Schema(description = "A chapter, item or measure of a plan")
public record PlanItemResponse(
        @Schema(example = "7d1f6a0e-3c55-4b8e-a1f2-5e9c0d2b4a61") UUID id,
        @Schema(example = "IPA-FY2024") String planCode,
        @Schema(example = "I.2.(3-1)") String code,
        @Schema(description = "The enclosing item; null for a chapter", example = "0b3c8a52-6f0e-4f1e-9a43-2d7c1e5b9f10",
                nullable = true)
        UUID parentId,
        @Schema(example = "情報処理技術者試験及び情報処理安全確保支援士試験の実施等") String nameJa,
        @Schema(nullable = true, example = "Running the IT Engineers and RISS examinations") String nameEn,
        @Schema(description = "Order among siblings", example = "1") int sortOrder,
        @Schema(description = "Marked 【令和６年度における重要な取組】 in the plan", example = "false")
        boolean importantInitiative,
        @Schema(description = "Grows with every change; events carry it", example = "3") long version,
        @Schema(example = "2024-04-01T00:00:00Z") Instant updatedAt,
        @Schema(description = "Who made the last change (the token's subject); null before tokens", example = "admin@ipa.go.jp", nullable = true)
        String changedBy) {

    static PlanItemResponse of(PlanItem item) {
        return new PlanItemResponse(item.id, item.planCode, item.code, item.parentId, item.nameJa, item.nameEn,
                item.sortOrder, item.importantInitiative, item.version, item.updatedAt, item.changedBy);
    }
}
