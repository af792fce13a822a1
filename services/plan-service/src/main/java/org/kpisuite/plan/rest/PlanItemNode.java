package org.kpisuite.plan.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.plan.domain.PlanItem;

@Schema(description = "A plan item in its plan's tree, with its children")
public record PlanItemNode(
        @Schema(example = "0b3c8a52-6f0e-4f1e-9a43-2d7c1e5b9f10") UUID id,
        @Schema(example = "I") String code,
        @Schema(example = "国民に対して提供するサービスその他の業務の質の向上に関する目標を達成するためとるべき措置")
        String nameJa,
        @Schema(nullable = true, example = "Quality of services to the public") String nameEn,
        @Schema(description = "Order among siblings", example = "1") int sortOrder,
        @Schema(description = "Marked 【令和６年度における重要な取組】 in the plan", example = "false")
        boolean importantInitiative,
        @Schema(example = "1") long version,
        @Schema(description = "The children, ordered by sortOrder then code") List<PlanItemNode> items) {

    static PlanItemNode of(PlanItem item, List<PlanItemNode> children) {
        return new PlanItemNode(item.id, item.code, item.nameJa, item.nameEn, item.sortOrder,
                item.importantInitiative, item.version, children);
    }
}
