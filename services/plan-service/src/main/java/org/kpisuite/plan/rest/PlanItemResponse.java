package org.kpisuite.plan.rest;

import java.time.Instant;
import java.util.UUID;

import org.kpisuite.plan.domain.PlanItem;

public record PlanItemResponse(
        UUID id,
        String planCode,
        String code,
        UUID parentId,
        String nameJa,
        String nameEn,
        int sortOrder,
        boolean importantInitiative,
        long version,
        Instant updatedAt) {

    static PlanItemResponse of(PlanItem item) {
        return new PlanItemResponse(item.id, item.planCode, item.code, item.parentId, item.nameJa, item.nameEn,
                item.sortOrder, item.importantInitiative, item.version, item.updatedAt);
    }
}
