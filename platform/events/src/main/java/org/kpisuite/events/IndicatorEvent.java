package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Full state of an indicator after a change, on {@link Topics#INDICATORS} keyed by {@code code}.
 * Consumers keep the event with the highest {@code version}.
 */
public record IndicatorEvent(
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
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "indicator";
    public static final String TYPE_DEFINED = "kpi.indicator.defined.v1";
    public static final String TYPE_CHANGED = "kpi.indicator.changed.v1";
    public static final String TYPE_RETIRED = "kpi.indicator.retired.v1";

    /** How monthly values combine over a fiscal year. */
    public enum Aggregation {
        SUM, LAST, AVERAGE, MAX, RATIO, YOY_CHANGE
    }

    /** Whether the actual must reach the target from below or stay under it. */
    public enum Comparator {
        AT_LEAST, AT_MOST
    }

    /** The target of one fiscal year. */
    public record Target(int fiscalYear, Comparator comparator, BigDecimal value) {
    }

    public Target targetFor(int fiscalYear) {
        return targets == null ? null
                : targets.stream().filter(t -> t.fiscalYear() == fiscalYear).findFirst().orElse(null);
    }
}
