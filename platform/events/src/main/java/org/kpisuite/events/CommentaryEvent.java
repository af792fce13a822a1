package org.kpisuite.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One revision of a measure's progress commentary for a review period, on {@link Topics#PLAN_EXECUTION} keyed by the
 * measure's id. The key of a commentary is measure and period; a change is a higher {@code revision}, nothing is
 * overwritten. Consumers keep every revision and read the latest one recorded by a date.
 *
 * @param done      what was done in the period
 * @param problems  what stands in the way
 * @param nextSteps what the department will do next
 * @param evidence  links to evidence (http or https URLs)
 * @param reason    why an earlier revision was changed; null on the first one
 */
public record CommentaryEvent(
        UUID measureId,
        String planCode,
        int fiscalYear,
        String measureCode,
        String department,
        ReviewPeriod period,
        int revision,
        @Schema(nullable = true) String done,
        @Schema(nullable = true) String problems,
        @Schema(nullable = true) String nextSteps,
        List<String> evidence,
        @Schema(nullable = true) String reason,
        String recordedBy,
        Instant recordedAt) {

    public static final String AGGREGATE_TYPE = "measure";
    public static final String TYPE_RECORDED = "kpi.measure.commentary-recorded.v1";

    public CommentaryEvent {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The plan's review periods: the first half (上期, April–September) and the whole year (year end). */
    public enum ReviewPeriod {
        H1, FY
    }
}
