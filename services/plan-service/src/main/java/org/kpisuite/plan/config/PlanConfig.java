package org.kpisuite.plan.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.plan")
public interface PlanConfig {

    /** The time zone whose calendar decides which day is "today" (a milestone cannot be done in the future). */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();
}
