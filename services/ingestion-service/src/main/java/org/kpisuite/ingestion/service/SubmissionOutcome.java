package org.kpisuite.ingestion.service;

/** What a submitted value did to the stored history. */
public enum SubmissionOutcome {
    /** The first value for its key. */
    CREATED,
    /** A different value for an existing key: a new revision. */
    CORRECTED,
    /** The same value as the current revision: nothing stored, nothing published. */
    UNCHANGED
}
