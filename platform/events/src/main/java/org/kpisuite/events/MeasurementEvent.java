package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One revision of a monthly value, on {@link Topics#MEASUREMENTS} keyed by {@code indicatorCode}.
 * The key of a value is indicator, component, breakdown, department and month; a correction is a
 * higher {@code revision} of the same key. Consumers apply a revision only if it is newer than theirs.
 *
 * @param flags what ingestion noticed about the value when it accepted it, e.g. {@value #FLAG_OUTLIER}; never
 *              null (an event written before flags existed reads as none)
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
        Instant recordedAt,
        List<String> flags) {

    public static final String AGGREGATE_TYPE = "measurement";
    public static final String TYPE_RECORDED = "kpi.measurement.recorded.v1";
    /** The value is far from the indicator's own history (modified z-score); accepted, but worth a look. */
    public static final String FLAG_OUTLIER = "OUTLIER";

    public MeasurementEvent {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A revision without flags. */
    public MeasurementEvent(UUID measurementId, String indicatorCode, String component, String breakdown,
            String department, String month, BigDecimal value, int revision, String note, String reason,
            String recordedBy, Instant recordedAt) {
        this(measurementId, indicatorCode, component, breakdown, department, month, value, revision, note, reason,
                recordedBy, recordedAt, List.of());
    }
}
