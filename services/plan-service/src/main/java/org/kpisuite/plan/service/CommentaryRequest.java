package org.kpisuite.plan.service;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A department's commentary on a measure for one review period; at least one of done, problems "
        + "and nextSteps. Sending it again unchanged changes nothing; a change is a new revision.")
public record CommentaryRequest(
        @Schema(description = "What was done in the period", example = "秋期試験の準備を完了し、申込受付を開始した。")
        @Size(max = MeasureRules.MAX_TEXT) String done,
        @Schema(description = "What stands in the way", example = "CBT会場の確保が遅れている。")
        @Size(max = MeasureRules.MAX_TEXT) String problems,
        @Schema(description = "What the department will do next", example = "１１月までに追加会場を契約する。")
        @Size(max = MeasureRules.MAX_TEXT) String nextSteps,
        @Schema(description = "Links to evidence: http or https URLs", example = "[\"https://www.ipa.go.jp/shiken/\"]")
        @Size(max = MeasureRules.MAX_EVIDENCE) List<@NotNull @Size(max = MeasureRules.MAX_URL) String> evidence,
        @Schema(description = "Why an earlier revision is changed (optional)", example = "会場数を訂正")
        @Size(max = 500) String reason) {

    public List<String> evidenceOrEmpty() {
        return evidence == null ? List.of() : evidence;
    }
}
