package org.kpisuite.ingestion.service;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Values accepted by outcome and refused by rule, from single submissions and batches alike (dry runs are not
 * counted): {@code kpi_measurements_accepted_total{outcome}} and {@code kpi_measurements_rejected_total{reason}}.
 */
@ApplicationScoped
public class SubmissionMetrics {

    @Inject
    MeterRegistry registry;

    public void accepted(SubmissionOutcome outcome, int count) {
        if (count > 0) {
            registry.counter("kpi.measurements.accepted", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .increment(count);
        }
    }

    public void rejected(Rejection rejection) {
        rejected(rejection.code());
    }

    /** A value refused before it reached the rules, e.g. a body that is not JSON: reason {@code malformed}. */
    public void rejected(String reason) {
        registry.counter("kpi.measurements.rejected", "reason", reason).increment();
    }
}
