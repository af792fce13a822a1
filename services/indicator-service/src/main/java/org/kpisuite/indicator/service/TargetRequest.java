package org.kpisuite.indicator.service;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.BaselineFormula;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Condition;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.ColumnNumber;
import org.kpisuite.problem.ColumnNumbers;

@Schema(description = "The target of one fiscal year (April to March)")
public record TargetRequest(
        @Schema(example = "2024") @NotNull @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
        @Schema(example = "AT_LEAST") @NotNull Comparator comparator,
        @Schema(description = "The target; absent for a reference-only indicator or when fraction or formula gives it",
                example = "300000") @ColumnNumber BigDecimal value,
        @Schema(description = "An exact fraction target, e.g. \"2/3\"", example = "2/3")
        @Pattern(regexp = "\\d{1,18}(\\.\\d{1,6})?/\\d{1,18}(\\.\\d{1,6})?",
                message = "must be a fraction like 2/3 of numbers with at most 18 digits before the point and 6 after")
        String fraction,
        @Schema(description = "Period the actual covers; default FISCAL_YEAR", example = "FISCAL_YEAR") Scope scope,
        @Schema(description = "For CUMULATIVE: the first fiscal year counted", example = "2023")
        @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer sinceFiscalYear,
        @Schema(description = "For CHANGE_FROM_BASELINE: the year compared with", example = "2022")
        @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer baselineFiscalYear,
        @Schema(description = "For CHANGE_FROM_BASELINE: the baseline level when known as data") @ColumnNumber BigDecimal baselineValue,
        @Schema(description = "Further conditions, e.g. at least 5 distinct domains") List<@NotNull Condition> conditions,
        @Schema(description = "target = factor × average of the years' values") BaselineFormula formula) {

    public TargetRequest {
        value = ColumnNumbers.plain(value);
        baselineValue = ColumnNumbers.plain(baselineValue);
    }

    public TargetRequest(Integer fiscalYear, Comparator comparator, BigDecimal value) {
        this(fiscalYear, comparator, value, null, null, null, null, null, null, null);
    }
}
