package org.kpisuite.indicator.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Finance's cause analysis (要因分析) of a budget line's drift, and the response to it")
public record BudgetAnalysisRequest(
        @Schema(example = "大型調達の契約時期が前倒しとなったため") String cause,
        @Schema(example = "下期の執行計画を見直し、四半期ごとに役員会へ報告する") String response) {
}
