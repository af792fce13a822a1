package org.kpisuite.ingestion.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.ColumnNumber;
import org.kpisuite.problem.ColumnNumbers;

@Schema(description = "One value of an indicator for one period: give period (2024-05, 2024-Q1, 2024-H1 or FY2024, "
        + "as the indicator's frequency says), or month (YYYY-MM) for a monthly indicator")
public record MeasurementRequest(
        @Schema(example = "manabi-dx-accesses") @NotBlank @Size(max = 64) String indicatorCode,
        @Schema(description = "For a ratio: numerator or denominator", example = "null", nullable = true)
        @Size(max = 64) String component,
        @Schema(description = "The breakdown value, where the indicator has a breakdown", example = "null", nullable = true)
        @Size(max = MeasurementRequest.MAX_BREAKDOWN) String breakdown,
        @Schema(description = "The reporting department: a kpi-submitter's comes from its token (if given, it must be "
                + "the same); a kpi-admin must name it", example = "digital-talent", nullable = true)
        @Size(max = 64) String department,
        @Schema(description = "The month, YYYY-MM, of a monthly indicator's value (or give period)", example = "2024-05",
                nullable = true)
        @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "{kpi.month.format}") String month,
        @Schema(example = "25000") @NotNull @ColumnNumber BigDecimal value,
        @Schema(example = "from the portal's access log") @Size(max = 1000) String note,
        @Schema(description = "Required when the value corrects an earlier one", example = "null", nullable = true)
        @Size(max = 1000) String reason,
        @Schema(description = "The period: 2024-05 (a month), 2024-Q1 (fiscal quarter, April–June), 2024-H1 (fiscal "
                + "half, April–September) or FY2024, of the indicator's frequency; month is the same for a monthly value",
                example = "2024-Q1", nullable = true, pattern = "^(\\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])|FY\\d{4})$")
        @Size(max = 7, message = "{kpi.period.format}") String period) {

    /** The breakdown column's length (varchar(128)). */
    public static final int MAX_BREAKDOWN = 128;

    public MeasurementRequest {
        value = ColumnNumbers.plain(value);
    }

    /** A monthly value, as before periods existed. */
    public MeasurementRequest(String indicatorCode, String component, String breakdown, String department, String month,
            BigDecimal value, String note, String reason) {
        this(indicatorCode, component, breakdown, department, month, value, note, reason, null);
    }

    /** The period as given: period, else month. */
    public String periodText() {
        return period != null ? period : month;
    }
}
