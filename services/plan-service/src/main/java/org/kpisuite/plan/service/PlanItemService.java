package org.kpisuite.plan.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityNotFoundException;
import jakarta.transaction.Transactional;

import org.kpisuite.plan.domain.IndicatorReference;
import org.kpisuite.plan.domain.Measure;
import org.kpisuite.plan.domain.Plan;
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.events.PlanItemEvents;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;

/**
 * Changes to single plan items. Every change first locks the item's plan (see {@link Plan#lock}), so that
 * checks and writes on one plan's tree never interleave.
 */
@ApplicationScoped
public class PlanItemService {

    @Inject
    PlanItemEvents events;

    @Inject
    Caller caller;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PlanItemService.class);

    @Transactional
    public PlanItem create(PlanItemRequest request) {
        Plan.lock(request.planCode()).orElseThrow(() -> ProblemException.invalidField("planCode",
                "no plan has code " + request.planCode() + "; create it first with POST /api/v1/plans"));
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
        PlanItem item = locked(id);
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

    /**
     * Moves the item under another parent (or to the top); its children keep pointing to it, so the whole
     * subtree moves. Moving to where it already is changes nothing and publishes nothing.
     */
    @Transactional
    public PlanItem move(UUID id, MoveRequest request) {
        PlanItem item = locked(id);
        checkParent(item, request.parentId());
        int sortOrder = request.sortOrder() == null ? item.sortOrder : request.sortOrder();
        if (Objects.equals(item.parentId, request.parentId()) && item.sortOrder == sortOrder) {
            return item;
        }
        item.parentId = request.parentId();
        item.sortOrder = sortOrder;
        item.touch(caller.subject());
        events.upserted(item);
        return item;
    }

    /**
     * Deletes a leaf that no indicator refers to, and publishes its removal in the same transaction. Retired
     * indicators count: their past values stay reportable against the item.
     */
    @Transactional
    public void delete(UUID id) {
        PlanItem item = locked(id);
        List<String> reasons = new ArrayList<>();
        List<String> indicators = IndicatorReference.codesReferring(id);
        if (!indicators.isEmpty()) {
            reasons.add("indicators " + String.join(", ", indicators) + " refer to it; point them elsewhere first");
        }
        List<String> children = PlanItem.childCodes(id);
        if (!children.isEmpty()) {
            reasons.add("it has children " + String.join(", ", children) + "; delete them first");
        }
        List<String> measures = Measure.<Measure>list("planItemId = ?1 order by code", id).stream().map(m -> m.code)
                .toList();
        if (!measures.isEmpty()) {
            reasons.add("it has measures " + String.join(", ", measures) + "; delete or move them first");
        }
        if (!reasons.isEmpty()) {
            throw ProblemException.conflict("id", "plan item " + item.code + " of plan " + item.planCode
                    + " cannot be deleted: " + String.join("; ", reasons));
        }
        item.touch(caller.subject());
        events.removed(item);
        item.delete();
        LOG.infof("plan item %s (%s of plan %s) deleted by %s", id, item.code, item.planCode, caller.subject());
    }

    public PlanItem get(UUID id) {
        return PlanItem.<PlanItem>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("plan item", id.toString()));
    }

    /** The item, re-read once its plan is locked, so that what the caller checks cannot change under it. */
    private PlanItem locked(UUID id) {
        PlanItem item = get(id);
        Plan.lock(item.planCode);
        try {
            PlanItem.getEntityManager().refresh(item);
        } catch (EntityNotFoundException e) {
            throw ProblemException.notFound("plan item", id.toString());
        }
        return item;
    }

    private void apply(PlanItem item, PlanItemRequest request) {
        checkParent(item, request.parentId());
        item.parentId = request.parentId();
        item.nameJa = request.nameJa();
        item.nameEn = request.nameEn();
        item.sortOrder = request.sortOrder() == null ? 0 : request.sortOrder();
        item.importantInitiative = Boolean.TRUE.equals(request.importantInitiative());
        item.touch(caller.subject());
    }

    private static void checkParent(PlanItem item, UUID parentId) {
        if (parentId == null) {
            return;
        }
        PlanItem parent = PlanItem.<PlanItem>findByIdOptional(parentId)
                .orElseThrow(() -> ProblemException.invalidField("parentId", "no plan item has id " + parentId));
        if (!parent.planCode.equals(item.planCode)) {
            throw ProblemException.invalidField("parentId", "the parent belongs to plan " + parent.planCode);
        }
        if (isSelfOrDescendant(parent, item.id)) {
            throw ProblemException.invalidField("parentId", "an item cannot be placed under itself or its own subtree");
        }
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
