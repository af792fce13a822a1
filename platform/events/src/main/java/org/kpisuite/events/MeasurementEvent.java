package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One revision of a value, on {@link Topics#MEASUREMENTS} keyed by {@code indicatorCode}.
 * The key of a value is indicator, component, breakdown, department and period; a correction is a
 * higher {@code revision} of the same key. Consumers apply a revision only if it is newer than theirs.
 * <p>
 * A monthly value is published as {@value #TYPE_RECORDED} with its {@code month} (and the same text in
 * {@code period}), as before periods existed; a value of a quarter, a half or a fiscal year as
 * {@value #TYPE_RECORDED_V2}, with {@code period} only ({@code month} is null), since a consumer of v1 requires
 * a month.
 *
 * @param month  the month {@code YYYY-MM} of a monthly value; null for another period
 * @param period the period: {@code 2024-05}, {@code 2024-Q1}, {@code 2024-H1} or {@code FY2024}; an event written
 *               before periods existed reads its month here
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
        List<String> flags,
        String period) {

    public static final String AGGREGATE_TYPE = "measurement";
    public static final String TYPE_RECORDED = "kpi.measurement.recorded.v1";
    /** A revision of a value of any period; {@code month} is null unless the period is a month. */
    public static final String TYPE_RECORDED_V2 = "kpi.measurement.recorded.v2";
    /** Prefix of the flag of a rule broken by a value it stored for review: {@code RULE:<rule name>}. */
    public static final String FLAG_RULE_PREFIX = "RULE:";
    /** The value is far from the indicator's own history (modified z-score); accepted, but worth a look. */
    public static final String FLAG_OUTLIER = "OUTLIER";

    public MeasurementEvent {
        flags = flags == null ? List.of() : List.copyOf(flags);
        period = period == null ? month : period;
    }

    /** A revision of a monthly value with flags. */
    public MeasurementEvent(UUID measurementId, String indicatorCode, String component, String breakdown,
            String department, String month, BigDecimal value, int revision, String note, String reason,
            String recordedBy, Instant recordedAt, List<String> flags) {
        this(measurementId, indicatorCode, component, breakdown, department, month, value, revision, note, reason,
                recordedBy, recordedAt, flags, month);
    }

    /** The CloudEvents type this revision is published as: v1 for a month, v2 for any other period. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String type() {
        return month != null && month.equals(period) ? TYPE_RECORDED : TYPE_RECORDED_V2;
    }

    /** A revision without flags. */
    public MeasurementEvent(UUID measurementId, String indicatorCode, String component, String breakdown,
            String department, String month, BigDecimal value, int revision, String note, String reason,
            String recordedBy, Instant recordedAt) {
        this(measurementId, indicatorCode, component, breakdown, department, month, value, revision, note, reason,
                recordedBy, recordedAt, List.of());
    }
}
