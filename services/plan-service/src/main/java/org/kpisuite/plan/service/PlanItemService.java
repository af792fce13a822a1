package org.kpisuite.plan.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.events.PlanItemEvents;
import org.kpisuite.plan.rest.PlanItemRequest;
import org.kpisuite.problem.ProblemException;

@ApplicationScoped
public class PlanItemService {

    @Inject
    PlanItemEvents events;

    @Transactional
    public PlanItem create(PlanItemRequest request) {
        if (PlanItem.findByCode(request.planCode(), request.code()).isPresent()) {
            throw ProblemException.conflict("code",
                    "plan " + request.planCode() + " already has an item with code " + request.code());
        }
        PlanItem item = new PlanItem();
        item.id = UUID.randomUUID();
        item.planCode = request.planCode();
        item.code = request.code();
        item.createdAt = Instant.now();
        item.version = 0;
        apply(item, request);
        item.persist();
        events.upserted(item);
        return item;
    }

    @Transactional
    public PlanItem update(UUID id, PlanItemRequest request) {
        PlanItem item = get(id);
        if (!item.planCode.equals(request.planCode())) {
            throw ProblemException.invalidField("planCode", "an item cannot move to another plan");
        }
        PlanItem.findByCode(request.planCode(), request.code())
                .filter(other -> !other.id.equals(id))
                .ifPresent(other -> {
                    throw ProblemException.conflict("code",
                            "plan " + request.planCode() + " already has an item with code " + request.code());
                });
        item.code = request.code();
        apply(item, request);
        events.upserted(item);
        return item;
    }

    public PlanItem get(UUID id) {
        return PlanItem.<PlanItem>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("plan item", id.toString()));
    }

    private void apply(PlanItem item, PlanItemRequest request) {
        if (request.parentId() != null) {
            PlanItem parent = PlanItem.<PlanItem>findByIdOptional(request.parentId())
                    .orElseThrow(() -> ProblemException.invalidField("parentId",
                            "no plan item has id " + request.parentId()));
            if (!parent.planCode.equals(request.planCode())) {
                throw ProblemException.invalidField("parentId", "the parent belongs to plan " + parent.planCode);
            }
            if (isSelfOrDescendant(parent, item.id)) {
                throw ProblemException.invalidField("parentId", "an item cannot be placed under itself");
            }
        }
        item.parentId = request.parentId();
        item.nameJa = request.nameJa();
        item.nameEn = request.nameEn();
        item.sortOrder = request.sortOrder() == null ? 0 : request.sortOrder();
        item.importantInitiative = Boolean.TRUE.equals(request.importantInitiative());
        item.version++;
        item.updatedAt = Instant.now();
    }

    private static boolean isSelfOrDescendant(PlanItem candidate, UUID itemId) {
        for (PlanItem p = candidate; p != null; p = p.parentId == null ? null : PlanItem.findById(p.parentId)) {
            if (p.id.equals(itemId)) {
                return true;
            }
        }
        return false;
    }
}
