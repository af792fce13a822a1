package org.kpisuite.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Target;

/** Indicator definitions as indicator-service publishes them (version 1), for tests that need one of a common kind. */
public final class TestIndicators {

    private TestIndicators() {
    }

    /** A SUM of the months with a target of at least {@code fy2024Target} in FY2024, on a plan item of its own. */
    public static IndicatorEvent sum(String code, String nameJa, String nameEn, String unit, String department,
            boolean coreTarget, String fy2024Target) {
        return new IndicatorEvent(code, nameJa, nameEn, unit, department, UUID.randomUUID(), coreTarget, false,
                Aggregation.SUM, List.of(new Target(2024, Comparator.AT_LEAST, new BigDecimal(fy2024Target))), false, 1,
                Instant.now());
    }

    /** Like the catalog's manabi-dx-accesses: accesses of digital-talent, summed over the year. */
    public static IndicatorEvent manabi(String code, boolean coreTarget, String fy2024Target) {
        return sum(code, "「マナビＤＸ」へのアクセス数", "Manabi DX accesses", "accesses", "digital-talent",
                coreTarget, fy2024Target);
    }
}
