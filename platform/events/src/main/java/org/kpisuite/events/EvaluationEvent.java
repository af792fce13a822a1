package org.kpisuite.events;

import java.time.Instant;

/**
 * A version of the evaluation of one evaluation item of a plan in a fiscal year, full state, on
 * {@link Topics#EVALUATIONS} keyed by {@code <plan>/<fiscal year>/<item>}: the agency's own grade (S–D) with its
 * rationale and the grade the suite proposed when it was recorded, and the minister's grade and comment once known.
 * Every version is kept; the highest recorded by a date is in force on it.
 *
 * @param proposedGrade   what the suite proposed from the item's indicators when the self-evaluation was recorded; null
 *                        when the item has no rated indicator
 * @param officialFigures the proposal rested on approved values alone (the official figures), not on every value
 * @param part            which half this version changed: {@value #SELF} or {@value #MINISTER}
 */
public record EvaluationEvent(
        String planCode,
        int fiscalYear,
        String itemCode,
        long version,
        String selfGrade,
        String rationale,
        String proposedGrade,
        Boolean officialFigures,
        String ministerGrade,
        String ministerComment,
        Instant recordedAt,
        String recordedBy,
        String part) {

    public static final String AGGREGATE_TYPE = "evaluation";
    public static final String TYPE_RECORDED = "kpi.evaluation.recorded.v1";
    /** A version that records the agency's own grade. */
    public static final String SELF = "SELF";
    /** A version that records the minister's grade. */
    public static final String MINISTER = "MINISTER";

    /** The Kafka key: one item's versions stay in order. */
    public String key() {
        return planCode + "/" + fiscalYear + "/" + itemCode;
    }
}
