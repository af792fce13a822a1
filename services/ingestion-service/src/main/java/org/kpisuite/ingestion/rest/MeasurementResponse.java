package org.kpisuite.ingestion.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.service.SubmissionOutcome;

public record MeasurementResponse(
        UUID id,
        String indicatorCode,
        String component,
        String breakdown,
        String department,
        String month,
        BigDecimal value,
        int revision,
        String note,
        String reason,
        String recordedBy,
        Instant recordedAt,
        @Schema(description = "What the submission did; absent on reads") SubmissionOutcome outcome) {

    static MeasurementResponse of(Measurement m, SubmissionOutcome outcome) {
        return new MeasurementResponse(m.id, m.indicatorCode, blankToNull(m.component), blankToNull(m.breakdown),
                m.department, m.period, m.value.stripTrailingZeros(), m.revision, m.note, m.reason, m.recordedBy,
                m.recordedAt, outcome);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
