package org.kpisuite.events;

import java.time.Instant;

/**
 * A step of the review of a value (a revision of one key), on {@link Topics#MEASUREMENTS} keyed by
 * {@code indicatorCode}, so that it follows the revision it decides on. A value is PROVISIONAL until an approver of
 * its department approves it or returns it with a comment; a correction is a new revision and PROVISIONAL again.
 * {@code step} numbers the decisions of one key (all its revisions) from 1: consumers keep each step once.
 *
 * @param period the period of the value ({@code 2024-05}, {@code 2024-Q1}, ...)
 */
public record MeasurementApprovalEvent(
        String indicatorCode,
        String component,
        String breakdown,
        String department,
        String period,
        int revision,
        int step,
        Decision decision,
        String comment,
        String decidedBy,
        Instant decidedAt) {

    public static final String AGGREGATE_TYPE = "measurement-approval";
    public static final String TYPE_DECIDED = "kpi.measurement.approval-decided.v1";

    public enum Decision {
        /** Reviewed and right: counts in the official figures. */
        APPROVED,
        /** Sent back to the department with a comment: it corrects the value (a new revision) or explains. */
        RETURNED
    }
}
