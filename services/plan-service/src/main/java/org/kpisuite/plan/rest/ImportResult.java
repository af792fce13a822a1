package org.kpisuite.plan.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.plan.service.PlanDocumentImport;
import org.kpisuite.plan.service.PlanDocumentMeasures;

@Schema(description = "What importing a plan document did to the stored items, measures and milestones")
public record ImportResult(
        @Schema(description = "Items that did not exist", example = "3") int created,
        @Schema(description = "Items that changed: a new version and an event each", example = "1") int updated,
        @Schema(description = "Items already as the document says: no new version, no event", example = "41")
        int unchanged,
        @Schema(description = "Codes of stored items the document does not mention; they are left as they are",
                example = "[\"I.2.(9)\"]")
        List<String> notInDocument,
        @Schema(description = "Measures and initiatives: a changed one (its milestones included) gets a new version "
                + "and an event")
        Counts measures,
        @Schema(description = "Milestones") Counts milestones) {

    @Schema(name = "ImportCounts", description = "What an import did to one kind of record")
    public record Counts(
            @Schema(example = "2") int created,
            @Schema(example = "1") int updated,
            @Schema(example = "180") int unchanged,
            @Schema(description = "Stored codes the document does not mention; kept as they are",
                    example = "[\"I.2.(3-1).1.M3\"]") List<String> notInDocument) {

        static Counts of(PlanDocumentMeasures.Counts counts) {
            return new Counts(counts.created(), counts.updated(), counts.unchanged(), counts.notInDocument());
        }
    }

    static ImportResult of(PlanDocumentImport.Outcome outcome) {
        return new ImportResult(outcome.created(), outcome.updated(), outcome.unchanged(), outcome.notInDocument(),
                Counts.of(outcome.execution().measures()), Counts.of(outcome.execution().milestones()));
    }
}
