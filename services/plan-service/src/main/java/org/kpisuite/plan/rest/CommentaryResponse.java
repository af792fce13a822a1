package org.kpisuite.plan.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.CommentaryEvent.ReviewPeriod;
import org.kpisuite.plan.domain.Commentary;

@Schema(description = "One revision of a measure's commentary for a review period")
public record CommentaryResponse(
        UUID measureId,
        @Schema(description = "H1 (first half, April–September) or FY (year end)", example = "H1") ReviewPeriod period,
        @Schema(description = "1 for the first; each change adds one", example = "2") int revision,
        @Schema(nullable = true, example = "秋期試験の準備を完了し、申込受付を開始した。") String done,
        @Schema(nullable = true, example = "CBT会場の確保が遅れている。") String problems,
        @Schema(nullable = true, example = "１１月までに追加会場を契約する。") String nextSteps,
        @Schema(example = "[\"https://www.ipa.go.jp/shiken/\"]") List<String> evidence,
        @Schema(nullable = true, example = "会場数を訂正") String reason,
        @Schema(description = "Who wrote this revision (the token's subject)", example = "tanaka@ipa.go.jp") String recordedBy,
        @Schema(example = "2024-10-07T01:30:00Z") Instant recordedAt) {

    static CommentaryResponse of(Commentary c) {
        return new CommentaryResponse(c.measureId, c.period, c.revision, c.done, c.problems, c.nextSteps,
                Arrays.asList(c.evidence), c.reason, c.recordedBy, c.recordedAt);
    }
}
