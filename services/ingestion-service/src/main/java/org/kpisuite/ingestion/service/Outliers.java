package org.kpisuite.ingestion.service;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * Flags a value far from its own history: the modified z-score 0.6745·(x − median)/MAD (Iglewicz and Hoaglin)
 * over the current values of at least {@value #MIN_HISTORY} earlier months; beyond {@value #THRESHOLD} it is an
 * outlier. When more than half of the history is equal (MAD = 0) the mean absolute deviation × 1.253314 stands
 * in for MAD ÷ 0.6745; a history without any spread flags nothing.
 * <p>
 * The history is bounded: the current values of the {@value #WINDOW_MONTHS} months before the value's month
 * (two fiscal years, so a seasonal month is compared with the same month of the two years before, and the
 * check costs the same whatever the age of the series). Older months do not count.
 */
public final class Outliers {

    public static final String FLAG = org.kpisuite.events.MeasurementEvent.FLAG_OUTLIER;
    public static final int MIN_HISTORY = 6;
    public static final double THRESHOLD = 3.5;
    /** Months before a value's month whose current values form its history. */
    public static final int WINDOW_MONTHS = 24;

    private Outliers() {
    }

    /** The reason the value is an outlier, or empty. */
    public static Optional<String> check(BigDecimal value, Collection<BigDecimal> history) {
        if (history.size() < MIN_HISTORY) {
            return Optional.empty();
        }
        // Plain arrays and loops: a 1,000-row batch checks a thousand values, and streams showed in its profile.
        double[] xs = new double[history.size()];
        int n = 0;
        for (BigDecimal v : history) {
            xs[n++] = v.doubleValue();
        }
        Arrays.sort(xs);
        double median = median(xs);
        double[] deviations = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            deviations[i] = Math.abs(xs[i] - median);
        }
        Arrays.sort(deviations);
        double mad = median(deviations);
        double x = value.doubleValue();
        double score;
        if (mad > 0) {
            score = 0.6745 * (x - median) / mad;
        } else {
            double meanAd = Arrays.stream(deviations).average().orElse(0);
            if (meanAd == 0) {
                return Optional.empty();
            }
            score = (x - median) / (1.253314 * meanAd);
        }
        if (Math.abs(score) <= THRESHOLD) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "value %s is far from the median %s of the %d earlier months (modified z-score %.1f)",
                value.stripTrailingZeros().toPlainString(), BigDecimal.valueOf(median).stripTrailingZeros().toPlainString(),
                xs.length, score));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
