package org.kpisuite.plan.service;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The day a milestone was delivered; null reopens it")
public record DoneRequest(
        // Required though nullable: an empty body must not reopen a delivered milestone.
        @Schema(description = "Within the plan's fiscal year or later, and not in the future; null: not done",
                example = "2024-10-20", nullable = true, required = true)
        @JsonProperty(required = true) LocalDate doneOn) {
}
