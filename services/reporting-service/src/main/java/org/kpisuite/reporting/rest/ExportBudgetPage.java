package org.kpisuite.reporting.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the budget-lines export. */
public record ExportBudgetPage(List<ExportBudgetRow> rows,
        @Schema(nullable = true, description = "The cursor of the next page; absent on the last") String nextCursor) {
}
