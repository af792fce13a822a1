package org.kpisuite.ingestion.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.service.SubmissionOutcome;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Written with every field but {@code flags}, which only a submission's answer carries. */
@Schema(requiredProperties = { "id", "indicatorCode", "component", "breakdown", "department", "month", "period",
        "value", "revision", "note", "reason", "recordedBy", "recordedAt", "outcome" })
public record MeasurementResponse(
        UUID id,
        String indicatorCode,
        @Schema(nullable = true) String component,
        @Schema(nullable = true) String breakdown,
        String department,
        @Schema(description = "The month of a monthly value; null for a quarter, a half or a fiscal year", nullable = true,
                example = "2024-05") String month,
        @Schema(description = "The period: 2024-05, 2024-Q1, 2024-H1 or FY2024", example = "2024-05") String period,
        BigDecimal value,
        int revision,
        @Schema(nullable = true) String note,
        @Schema(nullable = true) String reason,
        @Schema(nullable = true) String recordedBy,
        Instant recordedAt,
        @Schema(description = "What the submission did; null on reads", nullable = true) SubmissionOutcome outcome,
        @Schema(description = "On a submission: OUTLIER when the value is far from the indicator's history for this "
                + "key (modified z-score above 3.5 over at least 6 earlier months); the value is stored all the same. "
                + "Absent on reads.", example = "[]", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> flags) {

    static MeasurementResponse of(Measurement m, SubmissionOutcome outcome) {
        return of(m, outcome, null);
    }

    static MeasurementResponse of(Measurement m, SubmissionOutcome outcome, List<String> flags) {
        return new MeasurementResponse(m.id, m.indicatorCode, blankToNull(m.component), blankToNull(m.breakdown),
                m.department, org.kpisuite.fiscal.Period.isMonth(m.period) ? m.period : null,
                m.period, m.value.stripTrailingZeros(), m.revision, m.note, m.reason, m.recordedBy,
                m.recordedAt, outcome, flags);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
