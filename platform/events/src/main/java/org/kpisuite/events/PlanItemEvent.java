package org.kpisuite.events;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Full state of a plan item after a change, on {@link Topics#PLAN_ITEMS} keyed by {@code id}.
 * Consumers keep the event with the highest {@code version}.
 *
 * @param agency     the agency of the item's plan; null in events written before it was published
 * @param fiscalYear the fiscal year of the item's plan; null in events written before it was published
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
        Instant changedAt,
        @Schema(nullable = true) String agency,
        @Schema(nullable = true) Integer fiscalYear) {

    public static final String AGGREGATE_TYPE = "plan-item";
    public static final String TYPE_UPSERTED = "kpi.plan-item.upserted.v1";
    public static final String TYPE_REMOVED = "kpi.plan-item.removed.v1";

    /** An item whose plan's agency and year are not said. */
    public PlanItemEvent(UUID id, String planCode, String code, UUID parentId, String nameJa, String nameEn,
            int sortOrder, boolean importantInitiative, boolean removed, long version, Instant changedAt) {
        this(id, planCode, code, parentId, nameJa, nameEn, sortOrder, importantInitiative, removed, version, changedAt,
                null, null);
    }
}
