package org.kpisuite.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Full state of a plan measure (①, or a lettered sub-measure a.) or of an important initiative
 * (【令和６年度における重要な取組】) after a change, with its milestones, on {@link Topics#PLAN_EXECUTION} keyed by
 * {@code id}. Consumers keep the event with the highest {@code version}; the topic is a durable log (not compacted),
 * so every version stays readable and a past state can be rebuilt ("as recorded by" a date).
 *
 * @param fiscalYear  the fiscal year of the plan the measure belongs to
 * @param planItemId  the plan item the measure or initiative sits under
 * @param parentId    the measure a lettered sub-measure belongs to; null for ① … and initiatives
 * @param concerns    for an initiative, the codes of the plan items it concerns; empty for a measure
 * @param status      null only for a status a newer producer defines
 * @param changedBy   the subject of the token that made the change
 * @param changedAt   when the change was recorded: what "as recorded by" a date compares
 */
public record MeasureEvent(
        UUID id,
        String planCode,
        int fiscalYear,
        String code,
        Kind kind,
        UUID planItemId,
        @Schema(nullable = true) UUID parentId,
        @Schema(nullable = true) String marker,
        @Schema(nullable = true) String titleJa,
        String textJa,
        @Schema(nullable = true) String nameEn,
        String department,
        int sortOrder,
        List<String> concerns,
        Status status,
        List<Milestone> milestones,
        boolean removed,
        long version,
        String changedBy,
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "measure";
    public static final String TYPE_UPSERTED = "kpi.measure.upserted.v1";
    public static final String TYPE_REMOVED = "kpi.measure.removed.v1";

    public MeasureEvent {
        concerns = concerns == null ? List.of() : List.copyOf(concerns);
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** A numbered or lettered measure of an item, or an important initiative heading a chapter or section. */
    public enum Kind {
        MEASURE, INITIATIVE
    }

    /** Where a measure stands, as its department says. */
    public enum Status {
        NOT_STARTED, ON_TRACK, DELAYED, DONE, DROPPED
    }

    /**
     * A dated deliverable of the measure.
     *
     * @param due      the date it is due (the plan's words, e.g. 令和６年度中, become the fiscal year's last day)
     * @param dueBasis what in the plan the due date is read from
     * @param doneOn   the day it was delivered; null while it is not
     */
    public record Milestone(
            UUID id,
            String code,
            String nameJa,
            @Schema(nullable = true) String nameEn,
            LocalDate due,
            @Schema(nullable = true) String dueBasis,
            @Schema(nullable = true) LocalDate doneOn) {
    }
}
