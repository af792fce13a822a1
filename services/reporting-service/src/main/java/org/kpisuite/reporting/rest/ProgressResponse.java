package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;
import org.kpisuite.reporting.service.ProgressStatus;

@Schema(description = "Where one indicator stands in one fiscal year as of a date")
public record ProgressResponse(
        @Schema(example = "manabi-dx-accesses") String indicatorCode,
        @Schema(example = "「マナビＤＸ」へのアクセス数") String nameJa,
        @Schema(example = "Accesses to the Manabi DX portal") String nameEn,
        @Schema(example = "accesses") String unit,
        @Schema(example = "digital-talent") String department,
        UUID planItemId,
        @Schema(description = "基幹目標") boolean coreTarget,
        @Schema(description = "参考指標: never rated") boolean referenceOnly,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "2024-09-30") LocalDate asOf,
        @Schema(example = "SUM") Aggregation aggregation,
        @Schema(example = "AT_LEAST") Comparator comparator,
        @Schema(example = "300000") BigDecimal target,
        @Schema(description = "The year's value so far, aggregated as the indicator says", example = "162000") BigDecimal actual,
        @Schema(description = "actual ÷ target (inverted for AT_MOST targets)", example = "0.54") BigDecimal achievementRate,
        @Schema(description = "What the actual should be by asOf at a linear pace", example = "150000") BigDecimal expectedToDate,
        @Schema(description = "The year-end value if the pace so far holds", example = "324000") BigDecimal forecast,
        @Schema(example = "ON_TRACK") ProgressStatus status,
        @Schema(description = "A–D by the achievement rate (of the forecast while the year runs)", example = "B") String grade,
        @Schema(description = "Months of the year with at least one value", example = "6") int monthsReported,
        @Schema(example = "2024-09") String lastReportedMonth) {

    static ProgressResponse of(IndicatorProgress p) {
        var i = p.indicator();
        var r = p.progress();
        return new ProgressResponse(i.code(), i.nameJa(), i.nameEn(), i.unit(), i.department(), i.planItemId(),
                i.coreTarget(), i.referenceOnly(), p.fiscalYear(), p.asOf(), i.aggregation(), p.target().comparator(),
                p.target().value(), r.actual(), r.achievementRate(), r.expectedToDate(), r.forecast(), r.status(),
                r.grade(), r.monthsReported(), r.lastReportedMonth() == null ? null : r.lastReportedMonth().toString());
    }
}
