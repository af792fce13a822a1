package org.kpisuite.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, with the fields that were wrong and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(
        @Schema(required = true, example = "https://kpi-suite.org/problems/validation") String type,
        @Schema(required = true, example = "Invalid request") String title,
        @Schema(required = true, example = "422") int status,
        @Schema(example = "indicator 'manabi-dx-accesses' belongs to department 'digital-talent', not 'security'") String detail,
        @Schema(example = "/api/v1/measurements") String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://kpi-suite.org/problems/";

    /** One field that was wrong and the reason. */
    public record Violation(
            @Schema(required = true, example = "month") String field,
            @Schema(required = true, example = "must be a month formatted YYYY-MM") String reason) {
    }
}
