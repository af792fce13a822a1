package org.kpisuite.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Full state of a plan item after a change, on {@link Topics#PLAN_ITEMS} keyed by {@code id}.
 * Consumers keep the event with the highest {@code version}.
 */
public record PlanItemEvent(
        UUID id,
        String planCode,
        String code,
        UUID parentId,
        String nameJa,
        String nameEn,
        int sortOrder,
        boolean importantInitiative,
        boolean removed,
        long version,
        Instant changedAt) {

    public static final String AGGREGATE_TYPE = "plan-item";
    public static final String TYPE_UPSERTED = "kpi.plan-item.upserted.v1";
    public static final String TYPE_REMOVED = "kpi.plan-item.removed.v1";
}
