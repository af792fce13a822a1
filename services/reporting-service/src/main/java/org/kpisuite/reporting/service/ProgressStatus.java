package org.kpisuite.reporting.service;

public enum ProgressStatus {
    /** The target is met for good (year over, or a running total that cannot fall back). */
    ACHIEVED,
    /** At or ahead of the plan's pace. */
    ON_TRACK,
    /** Behind the pace, by less than the at-risk margin. */
    AT_RISK,
    /** Well behind the pace, or the year ended with the target missed. */
    OFF_TRACK,
    /** Nothing reported for the year yet. */
    NO_DATA,
    /** A reference indicator (参考指標): tracked, never rated. */
    NOT_RATED
}
