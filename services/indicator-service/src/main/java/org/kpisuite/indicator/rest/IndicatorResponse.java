package org.kpisuite.indicator.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.indicator.events.IndicatorEvents;

@Schema(description = "An indicator with all its targets, as published on kpi.indicators.v1")
public record IndicatorResponse(
        @Schema(example = "manabi-dx-accesses") String code,
        @Schema(example = "「マナビＤＸ」へのアクセス数") String nameJa,
        @Schema(nullable = true, example = "Accesses to the Manabi DX reskilling portal") String nameEn,
        @Schema(example = "accesses") String unit,
        @Schema(example = "digital-talent") String department,
        UUID planItemId,
        boolean coreTarget,
        boolean referenceOnly,
        @Schema(example = "SUM") Aggregation aggregation,
        List<String> components,
        @Schema(nullable = true) Breakdown breakdown,
        boolean allowsNegative,
        @Schema(example = "2024") int firstFiscalYear,
        @Schema(nullable = true) Integer lastFiscalYear,
        List<Target> targets,
        boolean retired,
        @Schema(example = "1") long version,
        Instant updatedAt,
        @Schema(description = "Who made this version (the token's subject); null before tokens",
                example = "admin@ipa.go.jp", nullable = true) String changedBy,
        @Schema(example = "MONTHLY") org.kpisuite.fiscal.Frequency frequency,
        List<IndicatorEvent.Part> parts,
        List<IndicatorEvent.Rule> rules,
        @Schema(nullable = true) IndicatorEvent.Direction goodDirection) {

    static IndicatorResponse of(Indicator indicator) {
        return of(IndicatorEvents.toEvent(indicator), indicator.changedBy);
    }

    static IndicatorResponse of(IndicatorEvent i, String changedBy) {
        return new IndicatorResponse(i.code(), i.nameJa(), i.nameEn(), i.unit(), i.department(), i.planItemId(),
                i.coreTarget(), i.referenceOnly(), i.aggregation(), i.components(), i.breakdown(), i.allowsNegative(),
                i.firstFiscalYear(), i.lastFiscalYear(), i.targets(), i.retired(), i.version(), i.changedAt(), changedBy,
                i.frequency(), i.parts(), i.rules(), i.goodDirection());
    }
}
