package org.kpisuite.reporting.service;

/**
 * Fired (CDI) by a replica's progress refresher once a pass has committed new kept versions, and by
 * {@link ReadModelState} when it hears that another replica changed the head: readers prepare what they serve of
 * them before the next request asks, so that a request during a stream of values finds it ready, on every replica.
 */
public record ProgressKept() {
}
