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
}
