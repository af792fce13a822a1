package org.kpisuite.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.kpisuite.events.Topics;
import org.kpisuite.testing.PrometheusText;

/**
 * "Visible in reporting", checked without loading reporting while it works: its own count of events applied
 * (the {@code kpi_events_consumed_total} counter of {@code /q/metrics}, incremented once a consumer transaction
 * has committed) and, in the same answer, no value waiting for its progress to be recalculated
 * ({@code kpi_progress_pending} is 0), polled every {@code BENCH_METRICS_POLL_MS}; then the totals once, exactly, through
 * {@code GET /api/v1/progress}: every indicator's yearly actual equals what the benchmark worked out itself.
 */
final class Visibility {

    /** When the counter reached the events sent, and whether the exact check then agreed. */
    record Outcome(long visibleAtNanos, boolean verified, int exactChecks, List<Integer> mismatchedYears) {

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("verified", verified);
            s.put("exactChecks", exactChecks);
            if (!mismatchedYears.isEmpty()) {
                s.put("mismatchedFiscalYearIndexes", mismatchedYears);
            }
            return s;
        }
    }

    /** A counter may overshoot (a redelivered event is counted again): a mismatch is re-checked for this long. */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Dataset data;

    Visibility(Dataset data) {
        this.data = data;
    }

    /** Events reporting has applied from a topic so far. */
    double consumed(String topic) {
        var answer = Dataset.check(data.client.getText(data.endpoints.reporting() + "/q/metrics"), "GET /q/metrics");
        return PrometheusText.baseline(answer.body(), "kpi_events_consumed_total", Map.of("topic", topic));
    }

    double measurementsConsumed() {
        return consumed(Topics.MEASUREMENTS);
    }

    /** Measurement events applied with their progress recalculated: none counted while any recalculation waits. */
    private double measurementsRecalculated() {
        var answer = Dataset.check(data.client.getText(data.endpoints.reporting() + "/q/metrics"), "GET /q/metrics");
        double consumed = PrometheusText.value(answer.body(), "kpi_events_consumed_total",
                Map.of("topic", Topics.MEASUREMENTS));
        return PrometheusText.value(answer.body(), "kpi_progress_pending", Map.of()) == 0 ? consumed : -1;
    }

    /**
     * Waits until reporting has applied {@code events} measurement events more than {@code baseline} and
     * recalculated their progress, then checks the given fiscal years (indexes) exactly.
     */
    Outcome await(double baseline, long events, List<Integer> years, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (measurementsRecalculated() - baseline < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reporting applied " + (measurementsConsumed() - baseline) + " of "
                        + events + " measurement events within " + timeoutSeconds + " s");
            }
            Dataset.sleep(data.settings.metricsPollMillis());
        }
        long counted = System.nanoTime();
        return verify(years, counted);
    }

    /** The exact check; re-checked every 2 s for a minute only if it disagrees. */
    Outcome verify(List<Integer> years, long countedAt) {
        long deadline = System.nanoTime() + RECHECK_NANOS;
        int checks = 0;
        while (true) {
            checks++;
            List<Integer> wrong = new ArrayList<>();
            for (int year : years) {
                if (!data.visible(year)) {
                    wrong.add(year);
                }
            }
            if (wrong.isEmpty()) {
                return new Outcome(checks == 1 ? countedAt : System.nanoTime(), true, checks, List.of());
            }
            if (System.nanoTime() > deadline) {
                return new Outcome(System.nanoTime(), false, checks, wrong);
            }
            Dataset.sleep(2_000);
        }
    }
}
