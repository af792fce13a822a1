package org.kpisuite.ingestion.service;


/**
 * One data row of a batch (1-based), or why it could not even be read (a CSV value that is no number).
 *
 * @param periodField the CSV column the period came from ("period" or "month"), to name in a rejection; null for
 *                    a JSON row, whose request says which it used
 */
public record BatchRow(int row, MeasurementRequest request, Rejection unreadable, String periodField) {

    public static BatchRow of(int row, MeasurementRequest request) {
        return new BatchRow(row, request, null, null);
    }

    public static BatchRow of(int row, MeasurementRequest request, String periodField) {
        return new BatchRow(row, request, null, periodField);
    }
}
