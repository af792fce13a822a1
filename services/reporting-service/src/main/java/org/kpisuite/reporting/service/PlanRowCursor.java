package org.kpisuite.reporting.service;

import java.util.List;

/** The position in the plan export: the tree path of the last row delivered. */
public record PlanRowCursor(String path) {

    static final String EXPORT = "plan";

    public String cursor() {
        return ExportCursor.encode(EXPORT, List.of(path));
    }

    /** The key in a cursor (the query parameter converts through this); a 400 problem naming {@code cursor} otherwise. */
    public static PlanRowCursor fromString(String cursor) {
        return new PlanRowCursor(ExportCursor.decode(EXPORT, 1, cursor).get(0));
    }
}
