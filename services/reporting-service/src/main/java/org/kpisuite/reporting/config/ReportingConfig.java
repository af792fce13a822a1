package org.kpisuite.reporting.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.reporting")
public interface ReportingConfig {

    /** The calendar of "today" (the default asOf) and of the end of an asOf day. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** A month's values are due this many business days (Monday to Friday) after the month ends. */
    @WithDefault("10")
    int deadlineBusinessDays();

    Budget budget();

    /** Budget against actuals (予実管理). */
    interface Budget {

        /** A line drifts when its projected variance passes this share of its budget, either way. */
        @WithDefault("0.10")
        java.math.BigDecimal driftThreshold();

        /** Drift is judged from this month of the year on (2: May), so that April alone raises no alarm. */
        @WithDefault("2")
        int judgedFromMonth();

        /** A ceiling's balance at this share of the limit raises a warning (REACHED at the limit itself). */
        @WithDefault("0.8")
        java.math.BigDecimal ceilingWarningAt();

        /** How often the statuses are compared with those published, and changes announced. */
        @WithDefault("10s")
        java.time.Duration watchEvery();
    }
}
