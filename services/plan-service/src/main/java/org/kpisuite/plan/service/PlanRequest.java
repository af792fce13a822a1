package org.kpisuite.plan.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.kpisuite.problem.VisibleText;

@Schema(description = "A new plan: an agency's annual plan for one fiscal year")
@JsonPropertyOrder({ "code", "agency", "fiscalYear", "midTermPeriod", "midTermFirstYear", "midTermLastYear", "nameJa",
        "nameEn" })
public class PlanRequest extends PlanChangeRequest {

    /** Letters, digits, '.', '_' and '-': a plan code travels in URL paths. */
    public static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String CODE_MESSAGE = "must start with a letter or digit and contain only letters, digits, '.', '_' and '-'";

    @Schema(description = "Stable key of the plan, used in URLs", example = "IPA-FY2024")
    @NotBlank @VisibleText @Size(max = 64) @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE)
    public String code;
}
