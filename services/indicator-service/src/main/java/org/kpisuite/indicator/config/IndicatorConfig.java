package org.kpisuite.indicator.config;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.indicator")
public interface IndicatorConfig {

    /**
     * The agency's departments, the codes its submitters' tokens carry (e.g. {@code digital-talent,security}): an
     * indicator must belong to one of them, so that a mistyped department cannot leave an indicator nobody may report.
     * Unset, any well-formed code is taken.
     */
    Optional<Set<String>> departments();

    /** The department that owns the budget: its lines' indicators are its to report, their analyses its to record. */
    @WithDefault("finance")
    String budgetDepartment();
}
