package org.kpisuite.plan.service;

import java.util.UUID;

import jakarta.validation.constraints.PositiveOrZero;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where to put a plan item; its subtree moves with it")
public record MoveRequest(
        // Required though nullable: a body without it must not turn the item into a chapter.
        @Schema(description = "The new parent, in the same plan; null makes the item a chapter",
                example = "0b3c8a52-6f0e-4f1e-9a43-2d7c1e5b9f10", nullable = true, required = true)
        @JsonProperty(required = true) UUID parentId,
        @Schema(description = "Order among its new siblings; absent keeps the current one", example = "3")
        @PositiveOrZero Integer sortOrder) {
}
