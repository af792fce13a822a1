package org.kpisuite.plan.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.plan.domain.MeasureChange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

@Schema(description = "One version of a measure: who changed what, when, and the state it left")
public record MeasureVersionResponse(
        @Schema(example = "3") long version,
        @Schema(description = "CREATED, TREE (an administrator's edit), STATUS, MILESTONES, MILESTONE_DONE",
                example = "STATUS") String change,
        @Schema(example = "kpi-submitter.digital-talent@ipa.go.jp") String changedBy,
        @Schema(example = "2024-10-07T01:30:00Z") Instant changedAt,
        @Schema(description = "The measure as this version published it (kpi.measure.upserted.v1)") MeasureEvent state) {

    static MeasureVersionResponse of(MeasureChange change, ObjectMapper mapper) {
        try {
            return new MeasureVersionResponse(change.version, change.change, change.changedBy, change.changedAt,
                    mapper.readValue(change.state, MeasureEvent.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored measure version is unreadable", e);
        }
    }
}
