package org.kpisuite.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples from the Prometheus/OpenMetrics text that {@code /q/metrics} serves (exemplars after {@code #}
 * ignored). Prometheus' Java client writes this format but has no reader of it.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    public static List<Sample> samples(String text) {
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(PrometheusText::sample)
                .filter(s -> s != null).toList();
    }

    /**
     * The value of the sample with that name whose labels include {@code labels} (summed over the samples that match).
     * A metric that is not there fails the assertion: it is a missing metric, not a zero.
     */
    public static double value(String text, String name, Map<String, String> labels) {
        List<Sample> matching = matching(text, name, labels);
        if (matching.isEmpty()) {
            throw new AssertionError("metric " + name + (labels.isEmpty() ? "" : labels) + " is not in the metrics; "
                    + "samples of that name: " + samples(text).stream().filter(s -> s.name().equals(name))
                            .map(s -> s.labels().toString()).toList());
        }
        return matching.stream().mapToDouble(Sample::value).sum();
    }

    /**
     * A baseline taken before the first event of its kind, when a metric that appears only with its first sample
     * (e.g. a timer's count) may not exist yet: 0 then. Assert on what follows with {@link #value}.
     */
    public static double baseline(String text, String name, Map<String, String> labels) {
        return matching(text, name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static List<Sample> matching(String text, String name, Map<String, String> labels) {
        return samples(text).stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** Whether any sample of that name is present. */
    public static boolean has(String text, String name) {
        return samples(text).stream().anyMatch(s -> s.name().equals(name));
    }

    private static Sample sample(String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.find()) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        if (m.group(2) != null) {
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        return new Sample(m.group(1), labels, Double.parseDouble(m.group(3)));
    }
}
