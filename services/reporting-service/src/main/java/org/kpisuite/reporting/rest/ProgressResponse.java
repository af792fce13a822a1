package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.reporting.service.Progress;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;
import org.kpisuite.reporting.service.ProgressStatus;

@Schema(description = "Where one indicator stands in one fiscal year as of a date")
public record ProgressResponse(
        @Schema(example = "manabi-dx-accesses") String indicatorCode,
        @Schema(example = "「マナビＤＸ」へのアクセス数") String nameJa,
        @Schema(example = "Accesses to the Manabi DX portal") String nameEn,
        @Schema(example = "accesses") String unit,
        @Schema(example = "digital-talent") String department,
        @Schema(nullable = true) UUID planItemId,
        @Schema(nullable = true, description = "The plan's code of the item the indicator evaluates", example = "I.2") String planItemCode,
        @Schema(nullable = true, description = "The second level of the plan above the item", example = "I.2") String sectionCode,
        @Schema(nullable = true, description = "The chapter (top level of the plan)", example = "I") String chapterCode,
        @Schema(nullable = true, example = "国民に対して提供するサービスその他の業務の質の向上に関する目標を達成するためとるべき措置") String chapterNameJa,
        @Schema(nullable = true, example = "Quality of services to the public") String chapterNameEn,
        @Schema(description = "基幹目標") boolean coreTarget,
        @Schema(description = "参考指標: never rated") boolean referenceOnly,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "2024-09-30") LocalDate asOf,
        @Schema(example = "SUM", nullable = true,
                description = "null: a kind a newer indicator-service defines and this version does not know (not rated)") Aggregation aggregation,
        @Schema(example = "AT_LEAST", nullable = true,
                description = "null: a comparator this version does not know, or none") Comparator comparator,
        @Schema(example = "300000") BigDecimal target,
        @Schema(nullable = true, description = "The year's value so far, aggregated as the indicator says", example = "162000") BigDecimal actual,
        @Schema(nullable = true, description = "actual ÷ target (inverted for AT_MOST targets)", example = "0.54") BigDecimal achievementRate,
        @Schema(nullable = true, description = "What the actual should be by asOf at a linear pace", example = "150000") BigDecimal expectedToDate,
        @Schema(nullable = true, description = "The year-end value if the pace so far holds", example = "324000") BigDecimal forecast,
        @Schema(example = "ON_TRACK") ProgressStatus status,
        @Schema(nullable = true, description = "A–D by the achievement rate (of the forecast while the year runs)", example = "B") String grade,
        @Schema(description = "Periods of the year with at least one value (months for a monthly indicator)", example = "6") int monthsReported,
        @Schema(nullable = true, description = "The last month of the latest period reported", example = "2024-09") String lastReportedMonth,
        @Schema(description = "FISCAL_YEAR, CUMULATIVE (since sinceFiscalYear) or CHANGE_FROM_BASELINE", example = "FISCAL_YEAR")
        Scope scope,
        @Schema(nullable = true, description = "First fiscal year of a CUMULATIVE target", example = "2023") Integer sinceFiscalYear,
        @Schema(nullable = true, description = "Year compared with by a CHANGE_FROM_BASELINE target", example = "2022") Integer baselineFiscalYear,
        @Schema(nullable = true, description = "The baseline level; the actual is the change against it (for a "
                + "SUM during the year, against its share for the months reported: months ÷ 12)") BigDecimal baselineValue,
        @Schema(description = "Further conditions of the target (e.g. at least 5 distinct domains) and whether they hold")
        List<Progress.ConditionResult> conditions,
        @Schema(nullable = true, description = "How expectedToDate was worked out: LINEAR, PREVIOUS_YEAR (its monthly shares) or LEVEL") Progress.Pace pace,
        @Schema(description = "How often the indicator is reported; expectedToDate moves only when one of its periods ends",
                example = "MONTHLY") org.kpisuite.fiscal.Frequency frequency,
        @Schema(nullable = true, description = "The latest period reported: 2024-09, 2024-Q2, 2024-H1 or FY2024",
                example = "2024-09") String lastReportedPeriod,
        @Schema(nullable = true, description = "Which way is better where the plan implies one (UP, DOWN); a reference "
                + "indicator is never rated but may say that more is worse", example = "UP")
        org.kpisuite.events.IndicatorEvent.Direction goodDirection) {

    static ProgressResponse of(IndicatorProgress p) {
        var i = p.indicator();
        var r = p.progress();
        var place = p.place();
        return new ProgressResponse(i.code(), i.nameJa(), i.nameEn(), i.unit(), i.department(), i.planItemId(),
                place.planItemCode(), place.sectionCode(), place.chapterCode(), place.chapterNameJa(), place.chapterNameEn(),
                i.coreTarget(), i.referenceOnly(), p.fiscalYear(), p.asOf(), i.aggregation(), p.target().comparator(),
                p.target().value(), r.actual(), r.achievementRate(), r.expectedToDate(), r.forecast(), r.status(),
                r.grade(), r.monthsReported(), r.lastReportedMonth() == null ? null : r.lastReportedMonth().toString(),
                p.target().scope(), p.target().sinceFiscalYear(), p.target().baselineFiscalYear(), r.baselineValue(),
                r.conditions(), r.pace(), i.frequency(),
                // progress kept before periods existed has only the month
                r.lastReportedPeriod() != null ? r.lastReportedPeriod()
                        : r.lastReportedMonth() == null ? null : r.lastReportedMonth().toString(),
                i.goodDirection());
    }
}
