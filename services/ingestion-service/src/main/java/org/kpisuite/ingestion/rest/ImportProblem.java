package org.kpisuite.ingestion.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.ingestion.service.ImportMode;
import org.kpisuite.ingestion.service.ImportSummary;
import org.kpisuite.problem.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The 422 answer to an ATOMIC batch with rejected rows: an RFC 9457 problem whose extension members are the
 * import summary (nothing stored, so only {@code rejected} counts).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ImportProblem", description = "application/problem+json with the import summary as extension members")
public record ImportProblem(
        @Schema(example = "https://kpi-suite.org/problems/batch-rejected") String type,
        @Schema(example = "Batch rejected") String title,
        @Schema(example = "422") int status,
        @Schema(example = "2 of 120 rows are rejected; nothing was stored") String detail,
        @Schema(example = "/api/v1/measurements/batch") String instance,
        int created, int corrected, int unchanged, int rejected, boolean dryRun, ImportMode mode,
        List<ImportSummary.RowIssue> rejections,
        List<ImportSummary.RowIssue> flagged) {

    static ImportProblem of(ImportSummary s, int rows, String instance, java.util.Locale locale) {
        return new ImportProblem(Problem.TYPE_BASE + "batch-rejected", "Batch rejected", 422,
                org.kpisuite.ingestion.service.Messages.format(locale, "batch.rejected",
                        java.util.List.of(String.valueOf(s.rejected()), String.valueOf(rows))), instance, s.created(),
                s.corrected(), s.unchanged(), s.rejected(), s.dryRun(), s.mode(), s.rejections(), s.flagged());
    }
}
