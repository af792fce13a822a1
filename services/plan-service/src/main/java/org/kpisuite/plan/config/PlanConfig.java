package org.kpisuite.plan.config;

import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.plan")
public interface PlanConfig {

    /** The time zone whose calendar decides which day is "today" (a milestone cannot be done in the future). */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /**
     * The agencies whose plans this suite keeps (e.g. {@code IPA}): a plan's agency must be one of them, so that a
     * mistyped agency does not hide a plan from the lists filtered by agency. Unset, any agency is taken.
     */
    Optional<Set<String>> agencies();
}
