package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.reporting.service.ApprovalShares;
import org.kpisuite.reporting.service.ProgressService;

@Schema(description = "An indicator's periods of one fiscal year, for a chart: twelve months, four quarters, two "
        + "halves or the year, as the indicator is reported (the list is named months for the monthly clients)")
public record SeriesResponse(
        @Schema(example = "manabi-dx-accesses") String indicatorCode,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "accesses") String unit,
        @Schema(example = "300000") BigDecimal target,
        List<Month> months,
        @Schema(example = "MONTHLY") org.kpisuite.fiscal.Frequency frequency) {

    public record Month(
            @Schema(example = "2024-05", description = "The period's last month (June for 2024-Q1)") String month,
            @Schema(nullable = true, description = "The month's value over departments and breakdowns", example = "25000") BigDecimal value,
            @Schema(nullable = true, description = "The month's value per breakdown value, where the indicator has a breakdown") Map<String, BigDecimal> byBreakdown,
            @Schema(nullable = true, description = "The actual as it stood at the end of the month", example = "51000") BigDecimal cumulative,
            @Schema(nullable = true, description = "What the plan's pace expected by the end of the month", example = "50000") BigDecimal expectedCumulative,
            @Schema(description = "The period: 2024-05, 2024-Q1, 2024-H1 or FY2024", example = "2024-05") String period,
            @Schema(description = "Values in force for the period (per department, component and breakdown)",
                    example = "2") int values,
            @Schema(description = "How many of them an approver approved", example = "1") int approved) {
    }

    static SeriesResponse of(ProgressService.Series s, int fiscalYear, Map<String, ApprovalShares.Count> approval) {
        return new SeriesResponse(s.indicator().code(), fiscalYear, s.indicator().unit(), s.target().value(),
                s.months().stream().map(m -> {
                    ApprovalShares.Count count = approval.get(m.period().toString());
                    return new Month(m.month().toString(), m.value(), m.byBreakdown(), m.cumulative(),
                            m.expectedCumulative(), m.period().toString(), count == null ? 0 : count.values(),
                            count == null ? 0 : count.approved());
                }).toList(), s.indicator().frequency());
    }
}
