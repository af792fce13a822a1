package org.kpisuite.indicator.service;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Direction;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.VisibleText;

@Schema(description = "An evaluation indicator and its fiscal-year targets")
public record IndicatorRequest(
        @Schema(example = "manabi-dx-accesses")
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}", message = "must be lower-case letters, digits and dashes")
        String code,
        @Schema(example = "「マナビＤＸ」へのアクセス数") @NotBlank @VisibleText @Size(max = 500) String nameJa,
        @Schema(example = "Accesses to the Manabi DX reskilling portal") @Size(max = 500) String nameEn,
        @Schema(example = "accesses") @NotBlank @VisibleText @Size(max = 64) String unit,
        @Schema(description = "The department that reports the values", example = "digital-talent")
        @NotBlank @VisibleText @Size(max = 64) String department,
        @Schema(description = "The plan item the indicator evaluates") @NotNull UUID planItemId,
        @Schema(description = "基幹目標", example = "true") Boolean coreTarget,
        @Schema(description = "参考指標: tracked and reported, never rated", example = "false") Boolean referenceOnly,
        @Schema(description = "How monthly values combine over a fiscal year", example = "SUM") @NotNull Aggregation aggregation,
        @Schema(description = "For RATIO exactly [\"numerator\", \"denominator\"]; otherwise absent", example = "[]")
        List<@NotBlank @VisibleText @Size(max = 64) String> components,
        @Schema(description = "The dimension values are broken down by, with its allowed values")
        Breakdown breakdown,
        @Schema(description = "Whether a monthly value may be negative (e.g. a change in valuation)", example = "false")
        Boolean allowsNegative,
        @Schema(description = "First fiscal year with values; default: the earliest year any target needs", example = "2024")
        @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer firstFiscalYear,
        @Schema(description = "One target per fiscal year") @NotEmpty List<@Valid @NotNull TargetRequest> targets,
        @Schema(description = "How often a value is reported: MONTHLY (default; periods 2024-05), QUARTERLY (2024-Q1 = "
                + "April–June), HALF_YEARLY (2024-H1 = April–September) or ANNUALLY (FY2024)", example = "MONTHLY")
        Frequency frequency,
        @Schema(description = "For SUM_OF_PARTS: each component and how it counts (STOCK_CHANGE against the target's "
                + "baseline, or FLOW summed over the year); the components are derived from them")
        List<@NotNull Part> parts,
        @Schema(description = "Rules every value must satisfy (RANGE, NUMERATOR_AT_MOST_DENOMINATOR, "
                + "MAX_MULTIPLE_OF_HISTORY), each rejecting the value or flagging it for review; at most "
                + IndicatorRequest.MAX_RULES)
        @Size(max = IndicatorRequest.MAX_RULES) List<@NotNull Rule> rules,
        @Schema(description = "Which way is better (UP or DOWN), where the plan implies one; e.g. a reference "
                + "indicator of cyber-attack liaison offices is DOWN", example = "UP") Direction goodDirection) {

    /**
     * Every value is checked against every rule, and the names of the FLAG rules it breaks travel with it into the
     * facts export: a bound on both, far above what an indicator of the plan needs (one or two).
     */
    public static final int MAX_RULES = 20;

    /** A monthly indicator without parts, rules or direction. */
    public IndicatorRequest(String code, String nameJa, String nameEn, String unit, String department, UUID planItemId,
            Boolean coreTarget, Boolean referenceOnly, Aggregation aggregation, List<String> components,
            Breakdown breakdown, Boolean allowsNegative, Integer firstFiscalYear, List<TargetRequest> targets) {
        this(code, nameJa, nameEn, unit, department, planItemId, coreTarget, referenceOnly, aggregation, components,
                breakdown, allowsNegative, firstFiscalYear, targets, null, null, null, null);
    }
}
