package org.kpisuite.ingestion.domain;

/**
 * What identifies a monthly value; every revision of it shares the key. Absent parts are "": a part that is only
 * white space (Unicode spaces too) is absent, so " " and "\t" name the same value as no component or breakdown
 * instead of counting one month again under another key.
 */
public record MeasurementKey(String indicatorCode, String component, String breakdown, String department,
        String month) {

    public MeasurementKey {
        component = absent(component) ? "" : component;
        breakdown = absent(breakdown) ? "" : breakdown;
    }

    /**
     * Whether a part of a key is not given: null, empty, or white space only, including the spaces
     * {@link String#isBlank} does not count (no-break space U+00A0, U+2007, U+202F).
     */
    public static boolean absent(String part) {
        if (part == null) {
            return true;
        }
        return part.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    @Override
    public String toString() {
        return String.join("/", indicatorCode, component, breakdown, department, month);
    }
}
