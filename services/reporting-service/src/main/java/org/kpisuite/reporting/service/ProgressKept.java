package org.kpisuite.reporting.service;

/**
 * Fired (CDI) by a replica's progress refresher once a pass has committed new kept versions: readers prepare what
 * they serve of them before the next request asks, so that a request during a stream of values finds it ready.
 */
public record ProgressKept() {
}
