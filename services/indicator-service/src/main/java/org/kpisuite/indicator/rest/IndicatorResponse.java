package org.kpisuite.indicator.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.indicator.domain.Indicator;

public record IndicatorResponse(
        String code,
        String nameJa,
        String nameEn,
        String unit,
        String department,
        UUID planItemId,
        boolean coreTarget,
        boolean referenceOnly,
        Aggregation aggregation,
        List<Target> targets,
        boolean retired,
        long version,
        Instant updatedAt) {

    public record Target(int fiscalYear, Comparator comparator, BigDecimal value) {
    }

    static IndicatorResponse of(Indicator i) {
        return new IndicatorResponse(i.code, i.nameJa, i.nameEn, i.unit, i.department, i.planItemId, i.coreTarget,
                i.referenceOnly, i.aggregation,
                i.targets.stream().map(t -> new Target(t.fiscalYear, t.comparator, t.plainValue())).toList(),
                i.retired, i.version, i.updatedAt);
    }
}
