package org.kpisuite.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of a set of durations in nanoseconds (nearest rank), reported in milliseconds. A sample that never
 * completed (e.g. a value never seen in reporting) is kept as longer than any other: it still counts.
 */
public final class Latencies {

    private long[] nanos = new long[256];
    private int count;
    private int missing;

    public synchronized void add(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    public void addAll(Latencies other) {
        long[] theirs;
        int theirMissing;
        synchronized (other) {
            theirs = Arrays.copyOf(other.nanos, other.count);
            theirMissing = other.missing;
        }
        synchronized (this) {
            for (long n : theirs) {
                add(n);
            }
            missing += theirMissing;
        }
    }

    /** A sample that never completed: longer than every other. */
    public synchronized void addMissing() {
        missing++;
    }

    public synchronized int count() {
        return count + missing;
    }

    /** The p-th percentile (0 < p ≤ 100) in milliseconds; NaN without samples, infinite if it is a missing one. */
    public synchronized double percentileMillis(double p) {
        int all = count + missing;
        if (all == 0) {
            return Double.NaN;
        }
        int index = Math.max(0, Math.min(all - 1, (int) Math.ceil(p / 100.0 * all) - 1));
        if (index >= count) {
            return Double.POSITIVE_INFINITY;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[index] / 1e6;
    }

    public synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", count + missing);
        if (missing > 0) {
            summary.put("neverCompleted", missing);
        }
        summary.put("p50Ms", round(percentileMillis(50)));
        summary.put("p99Ms", round(percentileMillis(99)));
        summary.put("maxMs", round(percentileMillis(100)));
        return summary;
    }

    static double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? value : Math.round(value * 100) / 100.0;
    }
}
