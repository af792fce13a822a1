package org.kpisuite.reporting.service;

import java.util.List;

/** The position in the budget-lines export: the code of the last line delivered. */
public record BudgetLineCursor(String code) {

    static final String EXPORT = "budget-lines";

    public String cursor() {
        return ExportCursor.encode(EXPORT, List.of(code));
    }

    /** The key in a cursor (the query parameter converts through this); a 400 problem naming {@code cursor} otherwise. */
    public static BudgetLineCursor fromString(String cursor) {
        return new BudgetLineCursor(ExportCursor.decode(EXPORT, 1, cursor).get(0));
    }
}
