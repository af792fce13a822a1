package org.kpisuite.ingestion.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a batch did (or, with dryRun, would do) to the stored values. */
@Schema(description = "Import summary: rows created, corrected, unchanged and rejected. An ATOMIC batch with a "
        + "rejected row stores nothing, so its counts other than rejected are 0.")
public record ImportSummary(
        @Schema(example = "9998") int created,
        @Schema(example = "1") int corrected,
        @Schema(example = "0") int unchanged,
        @Schema(example = "1") int rejected,
        boolean dryRun,
        ImportMode mode,
        List<RowIssue> rejections,
        @Schema(description = "Stored values far from their own history (modified z-score above 3.5)")
        List<RowIssue> flagged) {

    /** A row (1-based data row) and what is wrong with it or notable about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowIssue(
            @Schema(example = "17") int row,
            @Schema(example = "value", nullable = true) String field,
            @Schema(example = "the same key as row 3 with another value (12)") String reason,
            @Schema(description = "The indicator's validation rule the row breaks, if that is why", example = "null",
                    nullable = true) String rule) {

        public RowIssue(int row, String field, String reason) {
            this(row, field, reason, null);
        }
    }
}
