package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One row of the fact table: the value in force (latest revision) of one key. Column order = CSV column order. */
@RegisterForReflection
@Schema(name = "ExportFact", description = "The value in force (latest revision) of one indicator, department, month, "
        + "component and breakdown value. The row's key is (indicatorCode, department, month, component, breakdown).")
public record ExportFact(
        @Schema(example = "manabi-dx-accesses") String indicatorCode,
        @Schema(description = "From the indicator's latest definition", example = "「マナビＤＸ」へのアクセス数") String indicatorNameJa,
        @Schema(example = "Manabi DX accesses") String indicatorNameEn,
        @Schema(example = "accesses") String unit,
        @Schema(example = "digital-talent") String department,
        @Schema(description = "Japanese fiscal year of the month (April to March)", example = "2024") int fiscalYear,
        @Schema(description = "YYYY-MM of a monthly value; null (empty in CSV) for a quarter, a half or a year (see period)",
                example = "2024-05", nullable = true) String month,
        @Schema(description = "numerator or denominator of a RATIO indicator; null (empty in CSV) otherwise",
                nullable = true, example = "numerator") String component,
        @Schema(description = "The breakdown value (e.g. a domain); null (empty in CSV) when the indicator has no breakdown",
                nullable = true, example = "manufacturing") String breakdown,
        @Schema(description = "The value of the latest revision", example = "162000") BigDecimal value,
        @Schema(description = "The latest revision: 1 for the first value, higher after each correction", example = "2")
        int revision,
        @Schema(description = "When the value was first recorded (its earliest revision)", example = "2024-06-07T01:00:00Z")
        Instant recordedAt,
        @Schema(description = "When the latest revision was recorded: compare with updatedSince", example = "2024-06-20T05:30:00Z")
        Instant updatedAt,
        @Schema(description = "Ingestion flagged the latest revision as far from the indicator's own history "
                + "(modified z-score above 3.5): accepted, but worth a review", example = "false")
        boolean outlier,
        @Schema(description = "The period: 2024-05, 2024-Q1, 2024-H1 or FY2024", example = "2024-05") String period,
        @Schema(description = "The indicator's validation rules the latest revision broke and that flag it for review, "
                + "comma-separated (empty when none)", example = "") String ruleFlags,
        @Schema(description = "The review of the latest revision now: APPROVED, RETURNED or PROVISIONAL (an approval "
                + "does not move updatedAt)", example = "APPROVED") String approval) {
}
