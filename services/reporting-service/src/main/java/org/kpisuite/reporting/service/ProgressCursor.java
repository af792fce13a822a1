package org.kpisuite.reporting.service;

import java.util.List;

/** The position in the progress export: the indicator code of the last row delivered. */
public record ProgressCursor(String indicatorCode) {

    static final String EXPORT = "progress";

    public String cursor() {
        return ExportCursor.encode(EXPORT, List.of(indicatorCode));
    }

    /** The key in a cursor (the query parameter converts through this); a 400 problem naming {@code cursor} otherwise. */
    public static ProgressCursor fromString(String cursor) {
        return new ProgressCursor(ExportCursor.decode(EXPORT, 1, cursor).get(0));
    }
}
