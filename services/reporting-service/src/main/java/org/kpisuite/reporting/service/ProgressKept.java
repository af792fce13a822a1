package org.kpisuite.reporting.service;

/**
 * Fired (CDI) by a replica's progress refresher once a pass has committed new kept versions, and by
 * {@link ReadModelState} when the database notifies a change of the head (another replica's, or again this one's): readers prepare what they serve of
 * them before the next request asks, so that a request during a stream of values finds it ready, on every replica.
 */
public record ProgressKept() {
}
