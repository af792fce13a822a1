package org.kpisuite.ingestion.domain;

import org.kpisuite.problem.TextRules;

/**
 * What identifies a monthly value; every revision of it shares the key. Absent parts are "": a part that is blank
 * ({@link TextRules#blank}: white space, Unicode spaces too, or invisible characters) is absent, so " " and "\t"
 * name the same value as no component or breakdown instead of counting one month again under another key.
 */
public record MeasurementKey(String indicatorCode, String component, String breakdown, String department,
        String month) {

    public MeasurementKey {
        component = TextRules.blank(component) ? "" : component;
        breakdown = TextRules.blank(breakdown) ? "" : breakdown;
    }

    @Override
    public String toString() {
        return String.join("/", indicatorCode, component, breakdown, department, month);
    }
}
