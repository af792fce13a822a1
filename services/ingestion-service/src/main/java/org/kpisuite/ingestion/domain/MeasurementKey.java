package org.kpisuite.ingestion.domain;

import org.kpisuite.problem.TextRules;

/**
 * What identifies a monthly value; every revision of it shares the key. Absent parts are "": a part that is only
 * white space (Unicode spaces too) or invisible characters is absent, so " " and "\t" name the same value as no
 * component or breakdown instead of counting one month again under another key.
 */
public record MeasurementKey(String indicatorCode, String component, String breakdown, String department,
        String month) {

    public MeasurementKey {
        component = absent(component) ? "" : component;
        breakdown = absent(breakdown) ? "" : breakdown;
    }

    /**
     * Whether a part of a key is not given: null, or blank as every required text of the suite is
     * ({@link TextRules#blank}: white space, Unicode spaces included, and invisible format characters only).
     */
    public static boolean absent(String part) {
        return TextRules.blank(part);
    }

    @Override
    public String toString() {
        return String.join("/", indicatorCode, component, breakdown, department, month);
    }
}
