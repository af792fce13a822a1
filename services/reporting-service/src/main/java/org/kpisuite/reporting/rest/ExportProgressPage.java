package org.kpisuite.reporting.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "ExportProgressPage", description = "One page of the progress list, ordered by indicatorCode")
public record ExportProgressPage(
        List<ExportProgressRow> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page", nullable = true,
                example = "WyJwcm9ncmVzcyIsIm1hbmFiaS1keC1hY2Nlc3NlcyJd")
        String nextCursor) {
}
