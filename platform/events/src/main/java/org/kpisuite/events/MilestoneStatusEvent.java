package org.kpisuite.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A milestone's status changed (e.g. OPEN → OVERDUE the day after its due date), on
 * {@link Topics#MILESTONE_STATUS} keyed by milestone id. Published by reporting-service for alerting, as
 * {@link IndicatorStatusEvent} is for indicators; {@code previousStatus} is null the first time a status is known.
 * Statuses: OPEN (not due yet), OVERDUE (past its due date and not done), DONE, DROPPED (its measure was dropped).
 */
public record MilestoneStatusEvent(
        UUID milestoneId,
        String milestoneCode,
        UUID measureId,
        String measureCode,
        String planCode,
        String department,
        String nameJa,
        @Schema(nullable = true) String nameEn,
        LocalDate due,
        @Schema(nullable = true) LocalDate doneOn,
        @Schema(nullable = true) String previousStatus,
        String status,
        LocalDate asOf,
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "milestone-status";
    public static final String TYPE_CHANGED = "kpi.milestone-status.changed.v1";

    public static final String OPEN = "OPEN";
    public static final String OVERDUE = "OVERDUE";
    public static final String DONE = "DONE";
    public static final String DROPPED = "DROPPED";
}
