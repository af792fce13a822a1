package org.kpisuite.plan.config;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "kpi.plan")
public interface PlanConfig {

    /**
     * The agencies whose plans this suite keeps (e.g. {@code IPA}): a plan's agency must be one of them, so that a
     * mistyped agency does not hide a plan from the lists filtered by agency. Unset, any agency is taken.
     */
    Optional<Set<String>> agencies();
}
