package org.kpisuite.reporting.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "ExportPlanPage", description = "One page of the plan tree's rows, ordered by path")
public record ExportPlanPage(
        List<ExportPlanRow> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {
}
