package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An indicator's status in a fiscal year changed (e.g. ON_TRACK → AT_RISK), on {@link Topics#INDICATOR_STATUS}
 * keyed by indicator code. Published by reporting-service for alerting; {@code previousStatus} is null the
 * first time a status is known.
 */
public record IndicatorStatusEvent(
        String indicatorCode,
        int fiscalYear,
        String previousStatus,
        String status,
        BigDecimal actual,
        BigDecimal target,
        BigDecimal achievementRate,
        String grade,
        LocalDate asOf,
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "indicator-status";
    public static final String TYPE_CHANGED = "kpi.indicator-status.changed.v1";
}
