package org.kpisuite.plan.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What importing a plan document did to the stored items")
public record ImportResult(
        @Schema(description = "Items that did not exist", example = "3") int created,
        @Schema(description = "Items that changed: a new version and an event each", example = "1") int updated,
        @Schema(description = "Items already as the document says: no new version, no event", example = "41")
        int unchanged,
        @Schema(description = "Codes of stored items the document does not mention; they are left as they are",
                example = "[\"I.2.(9)\"]")
        List<String> notInDocument) {
}
