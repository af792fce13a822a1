package org.kpisuite.ingestion.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.ingestion.service.ImportMode;
import org.kpisuite.ingestion.service.MeasurementRequest;

@Schema(description = "Many monthly values at once (at most 50,000 rows)")
public record BatchRequest(
        @Schema(description = "Each row as the single POST takes it") List<MeasurementRequest> rows,
        @Schema(description = "ATOMIC (default): any rejected row stores nothing; ROW_BY_ROW: valid rows are stored",
                defaultValue = "ATOMIC", nullable = true) ImportMode mode,
        @Schema(description = "true: validate and count only, store nothing", defaultValue = "false", nullable = true)
        Boolean dryRun) {
}
