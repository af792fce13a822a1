package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.reporting.service.ProgressService;

@Schema(description = "An indicator's twelve months of one fiscal year, for a chart")
public record SeriesResponse(
        @Schema(example = "manabi-dx-accesses") String indicatorCode,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "accesses") String unit,
        @Schema(example = "300000") BigDecimal target,
        List<Month> months) {

    public record Month(
            @Schema(example = "2024-05") String month,
            @Schema(nullable = true, description = "The month's value over departments and breakdowns", example = "25000") BigDecimal value,
            @Schema(nullable = true, description = "The month's value per breakdown value, where the indicator has a breakdown") Map<String, BigDecimal> byBreakdown,
            @Schema(nullable = true, description = "The actual as it stood at the end of the month", example = "51000") BigDecimal cumulative,
            @Schema(nullable = true, description = "What the plan's pace expected by the end of the month", example = "50000") BigDecimal expectedCumulative) {
    }

    static SeriesResponse of(ProgressService.Series s, int fiscalYear) {
        return new SeriesResponse(s.indicator().code(), fiscalYear, s.indicator().unit(), s.target().value(),
                s.months().stream().map(m -> new Month(m.month().toString(), m.value(), m.byBreakdown(), m.cumulative(),
                        m.expectedCumulative())).toList());
    }
}
