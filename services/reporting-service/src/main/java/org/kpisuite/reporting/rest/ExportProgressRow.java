package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.reporting.service.Progress;
import org.kpisuite.reporting.service.ProgressStatus;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A {@link ProgressResponse} flattened for BI: no nested objects, so JSON and CSV have the same columns. */
@RegisterForReflection
@Schema(name = "ExportProgressRow", description = "Where one indicator stands in one fiscal year as of a date, flat. "
        + "The fields mean what they mean in GET /api/v1/progress.")
public record ExportProgressRow(
        @Schema(example = "manabi-dx-accesses") String indicatorCode,
        @Schema(example = "「マナビＤＸ」へのアクセス数") String indicatorNameJa,
        @Schema(example = "Manabi DX accesses") String indicatorNameEn,
        @Schema(example = "accesses") String unit,
        @Schema(example = "digital-talent") String department,
        @Schema(nullable = true) UUID planItemId,
        @Schema(nullable = true, example = "I.2") String planItemCode,
        @Schema(nullable = true, example = "I.2") String sectionCode,
        @Schema(nullable = true, example = "I") String chapterCode,
        @Schema(nullable = true) String chapterNameJa,
        @Schema(nullable = true) String chapterNameEn,
        @Schema(description = "基幹目標") boolean coreTarget,
        @Schema(description = "参考指標: never rated") boolean referenceOnly,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "2024-09-30") LocalDate asOf,
        @Schema(example = "SUM", nullable = true,
                description = "null: a kind a newer indicator-service defines and this version does not know (not rated)") Aggregation aggregation,
        @Schema(example = "AT_LEAST", nullable = true,
                description = "null: a comparator this version does not know, or none") Comparator comparator,
        @Schema(example = "FISCAL_YEAR") Scope scope,
        @Schema(nullable = true, example = "2023") Integer sinceFiscalYear,
        @Schema(nullable = true, example = "2022") Integer baselineFiscalYear,
        @Schema(example = "300000") BigDecimal target,
        @Schema(nullable = true, example = "162000") BigDecimal actual,
        @Schema(nullable = true, example = "0.54") BigDecimal achievementRate,
        @Schema(nullable = true, example = "150000") BigDecimal expectedToDate,
        @Schema(nullable = true, example = "324000") BigDecimal forecast,
        @Schema(nullable = true) BigDecimal baselineValue,
        @Schema(example = "ON_TRACK") ProgressStatus status,
        @Schema(nullable = true, example = "B") String grade,
        @Schema(example = "6") int monthsReported,
        @Schema(nullable = true, example = "2024-09") String lastReportedMonth,
        @Schema(nullable = true, example = "LINEAR") Progress.Pace pace,
        @Schema(description = "Whether every further condition of the target holds (true when it has none)")
        boolean conditionsMet,
        @Schema(description = "The further conditions as KIND actual/required, separated by '; ' (empty when none)",
                example = "MIN_DISTINCT_BREAKDOWN_VALUES 4/5") String conditions,
        @Schema(example = "MONTHLY") org.kpisuite.fiscal.Frequency frequency,
        @Schema(nullable = true, example = "2024-09", description = "2024-09, 2024-Q2, 2024-H1 or FY2024")
        String lastReportedPeriod,
        @Schema(nullable = true, example = "UP") org.kpisuite.events.IndicatorEvent.Direction goodDirection) {

    static ExportProgressRow of(ProgressResponse p) {
        List<Progress.ConditionResult> conditions = p.conditions() == null ? List.of() : p.conditions();
        return new ExportProgressRow(p.indicatorCode(), p.nameJa(), p.nameEn(), p.unit(), p.department(),
                p.planItemId(), p.planItemCode(), p.sectionCode(), p.chapterCode(), p.chapterNameJa(), p.chapterNameEn(),
                p.coreTarget(), p.referenceOnly(), p.fiscalYear(), p.asOf(), p.aggregation(), p.comparator(), p.scope(),
                p.sinceFiscalYear(), p.baselineFiscalYear(), p.target(), p.actual(), p.achievementRate(),
                p.expectedToDate(), p.forecast(), p.baselineValue(), p.status(), p.grade(), p.monthsReported(),
                p.lastReportedMonth(), p.pace(), conditions.stream().allMatch(Progress.ConditionResult::met),
                conditions.stream().map(c -> c.kind() + " " + c.actual() + "/" + c.required())
                        .collect(Collectors.joining("; ")), p.frequency(), p.lastReportedPeriod(), p.goodDirection());
    }
}
