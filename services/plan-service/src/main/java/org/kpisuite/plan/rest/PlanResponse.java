package org.kpisuite.plan.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.plan.domain.Plan;

@Schema(description = "A plan, without its items")
public record PlanResponse(
        @Schema(example = "IPA-FY2024") String code,
        @Schema(example = "IPA") String agency,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "5th (FY2023–FY2027)") String midTermPeriod,
        @Schema(example = "2023") Integer midTermFirstYear,
        @Schema(example = "2027") Integer midTermLastYear,
        @Schema(example = "独立行政法人情報処理推進機構令和６年度計画") String nameJa,
        @Schema(nullable = true, example = "Information-technology Promotion Agency, Japan: plan for FY2024") String nameEn,
        @Schema(example = "2024-03-29T09:00:00Z") Instant createdAt,
        @Schema(example = "2024-03-29T09:00:00Z") Instant updatedAt,
        @Schema(description = "Who made the last change (the token's subject); null before tokens", example = "admin@ipa.go.jp", nullable = true)
        String changedBy) {

    static PlanResponse of(Plan plan) {
        return new PlanResponse(plan.code, plan.agency, plan.fiscalYear, plan.midTermPeriod, plan.midTermFirstYear,
                plan.midTermLastYear, plan.nameJa, plan.nameEn, plan.createdAt, plan.updatedAt, plan.changedBy);
    }
}
