package org.kpisuite.indicator.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.BudgetEvent.Ceiling;
import org.kpisuite.events.BudgetEvent.Table;

/** A fiscal year's budget as printed: its tables and the borrowing ceiling (checked by {@link BudgetRules}). */
@Schema(description = "A fiscal year's budget, income-and-expenditure plan and cash-flow plan, as printed")
public record BudgetRequest(
        @Schema(description = "The plan whose items Ⅳ.1–Ⅳ.3 and Ⅴ the budget's lines belong to", example = "IPA-FY2024")
        String planCode,
        @Schema(description = "Why this version: 当初予算, 補正予算 (a revision) …", example = "令和６年度計画（当初予算）")
        String reason,
        @Schema(description = "The unit of every amount", example = "million-yen") String unit,
        @Schema(nullable = true, description = "Ⅴ 短期借入金の限度額: a ceiling on a balance finance reports")
        Ceiling borrowingLimit,
        @Schema(description = "The printed tables in order: each annex's whole-agency, account and segment columns")
        List<Table> tables) {
}
