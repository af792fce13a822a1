package org.kpisuite.ingestion.service;


/** One data row of a batch (1-based), or why it could not even be read (a CSV value that is no number). */
public record BatchRow(int row, MeasurementRequest request, Rejection unreadable) {

    public static BatchRow of(int row, MeasurementRequest request) {
        return new BatchRow(row, request, null);
    }
}
