package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One revision of a monthly value, on {@link Topics#MEASUREMENTS} keyed by {@code indicatorCode}.
 * The key of a value is indicator, component, breakdown, department and month; a correction is a
 * higher {@code revision} of the same key. Consumers apply a revision only if it is newer than theirs.
 */
public record MeasurementEvent(
        UUID measurementId,
        String indicatorCode,
        String component,
        String breakdown,
        String department,
        String month,
        BigDecimal value,
        int revision,
        String note,
        String reason,
        String recordedBy,
        Instant recordedAt) {

    public static final String AGGREGATE_TYPE = "measurement";
    public static final String TYPE_RECORDED = "kpi.measurement.recorded.v1";
}
