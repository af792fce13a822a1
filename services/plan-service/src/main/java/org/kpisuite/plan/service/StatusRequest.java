package org.kpisuite.plan.service;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasureEvent.Status;

@Schema(description = "Where a measure stands, as its department says")
public record StatusRequest(
        @Schema(description = "NOT_STARTED, ON_TRACK, DELAYED, DONE or DROPPED", example = "DELAYED") @NotNull Status status) {
}
