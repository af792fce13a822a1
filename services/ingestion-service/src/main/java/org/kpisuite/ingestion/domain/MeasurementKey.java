package org.kpisuite.ingestion.domain;

/** What identifies a monthly value; every revision of it shares the key. Absent parts are "". */
public record MeasurementKey(String indicatorCode, String component, String breakdown, String department,
        String month) {

    public MeasurementKey {
        component = component == null ? "" : component;
        breakdown = breakdown == null ? "" : breakdown;
    }

    @Override
    public String toString() {
        return String.join("/", indicatorCode, component, breakdown, department, month);
    }
}
