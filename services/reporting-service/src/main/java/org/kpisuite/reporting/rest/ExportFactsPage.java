package org.kpisuite.reporting.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.reporting.service.ExportFact;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "ExportFactsPage", description = "One page of the fact table")
public record ExportFactsPage(
        @Schema(description = "At most limit rows, in the export's order") List<ExportFact> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page", nullable = true,
                example = "WyJmYWN0cyIsIjIwMjQtMDYtMDdUMDE6MDA6MDBaIiwibWFuYWJpLWR4LWFjY2Vzc2VzIiwiIiwiIiwiZGlnaXRhbC10YWxlbnQiLCIyMDI0LTA1Il0")
        String nextCursor) {
}
