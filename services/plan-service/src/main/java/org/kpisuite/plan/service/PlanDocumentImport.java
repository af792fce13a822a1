package org.kpisuite.plan.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.kpisuite.plan.config.PlanConfig;
import org.kpisuite.plan.domain.Plan;
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.events.PlanItemEvents;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;

/**
 * Brings a plan, its items and their measures, initiatives and milestones ({@link PlanDocumentMeasures}) in line with
 * a whole-plan document, in one transaction. Items are matched by code; only items that differ get a new version
 * and an event, so a repeated import changes nothing and publishes nothing. Stored items the document does not
 * mention are left alone and reported. Another plan (a later year's) is never touched.
 */
@ApplicationScoped
public class PlanDocumentImport {

    @Inject
    PlanItemEvents events;

    @Inject
    Caller caller;

    @Inject
    PlanDocumentMeasures measures;

    @Inject
    PlanConfig config;

    public record Outcome(boolean planCreated, int created, int updated, int unchanged, List<String> notInDocument,
            PlanDocumentMeasures.Outcome execution) {
    }

    @Transactional
    public Outcome apply(String planCode, PlanDocument document) {
        // A document that names another plan is more likely a mistake than an intent to copy it.
        if (document.code != null && !document.code.equals(planCode)) {
            throw ProblemException.invalidField("code", "the document is for plan " + document.code
                    + ", not " + planCode);
        }
        PlanService.validate(document, config);
        rejectInvalidTree(planCode, document);

        boolean planCreated = PlanService.newPlan(planCode, document, caller.subject()).insertIfAbsent();
        // Absent only if a DELETE of the plan committed between the insert attempt and the lock.
        Plan plan = Plan.lock(planCode).orElseThrow(() -> ProblemException.conflict("code",
                "plan " + planCode + " was deleted during the import; send the document again"));
        if (!planCreated && PlanService.changeStored(plan, document)) {
            plan.updatedAt = Instant.now();
            plan.changedBy = caller.subject();
        }

        Map<String, PlanItem> stored = new HashMap<>();
        for (PlanItem item : PlanItem.<PlanItem>list("planCode", planCode)) {
            stored.put(item.code, item);
        }
        Counts counts = new Counts();
        // Parents before children: a new child needs its parent's id, and consumers see parents first.
        upsert(planCode, null, document.itemsOrEmpty(), stored, counts);
        List<String> notInDocument = stored.keySet().stream().sorted().toList();
        PlanDocumentMeasures.Outcome execution = measures.apply(planCode, document);
        return new Outcome(planCreated, counts.created, counts.updated, counts.unchanged, notInDocument, execution);
    }

    private void upsert(String planCode, UUID parentId, List<PlanDocumentItem> siblings, Map<String, PlanItem> stored,
            Counts counts) {
        for (int i = 0; i < siblings.size(); i++) {
            PlanDocumentItem wanted = siblings.get(i);
            int sortOrder = i + 1;
            boolean important = Boolean.TRUE.equals(wanted.importantInitiative());
            PlanItem item = stored.remove(wanted.code());
            if (item == null) {
                item = new PlanItem();
                item.id = UUID.randomUUID();
                item.planCode = planCode;
                item.code = wanted.code();
                item.createdAt = Instant.now();
                item.version = 0;
                set(item, parentId, wanted, sortOrder, important);
                item.persist();
                events.upserted(item);
                counts.created++;
            } else if (!Objects.equals(item.parentId, parentId) || !Objects.equals(item.nameJa, wanted.nameJa())
                    || !Objects.equals(item.nameEn, wanted.nameEn()) || item.sortOrder != sortOrder
                    || item.importantInitiative != important) {
                set(item, parentId, wanted, sortOrder, important);
                events.upserted(item);
                counts.updated++;
            } else {
                counts.unchanged++;
            }
            upsert(planCode, item.id, wanted.itemsOrEmpty(), stored, counts);
        }
    }

    private void set(PlanItem item, UUID parentId, PlanDocumentItem wanted, int sortOrder, boolean important) {
        item.parentId = parentId;
        item.nameJa = wanted.nameJa();
        item.nameEn = wanted.nameEn();
        item.sortOrder = sortOrder;
        item.importantInitiative = important;
        item.touch(caller.subject());
    }

    /**
     * Codes are unique within a plan, wherever they sit in the tree, and the measures keep their rules
     * ({@link PlanDocumentMeasures#check}); names every problem by its path, before anything is written.
     */
    private static void rejectInvalidTree(String planCode, PlanDocument document) {
        Map<String, String> firstPath = new HashMap<>();
        List<Problem.Violation> violations = new ArrayList<>();
        collect("items", document.itemsOrEmpty(), firstPath, violations);
        Set<String> storedItems = new HashSet<>(PlanItem.getEntityManager()
                .createQuery("select i.code from PlanItem i where i.planCode = :plan", String.class)
                .setParameter("plan", planCode).getResultList());
        PlanDocumentMeasures.check(document, storedItems, violations);
        if (!violations.isEmpty()) {
            String detail = violations.stream().map(v -> v.field() + ": " + v.reason())
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
            throw new ProblemException(422, "validation", "Invalid request", detail, violations);
        }
    }

    private static void collect(String path, List<PlanDocumentItem> items, Map<String, String> firstPath,
            List<Problem.Violation> violations) {
        for (int i = 0; i < items.size(); i++) {
            String here = path + "[" + i + "]";
            PlanDocumentItem item = items.get(i);
            String earlier = firstPath.putIfAbsent(item.code(), here);
            if (earlier != null) {
                violations.add(new Problem.Violation(here + ".code",
                        "code " + item.code() + " is already used by " + earlier));
            }
            collect(here + ".items", item.itemsOrEmpty(), firstPath, violations);
        }
    }

    private static final class Counts {
        int created;
        int updated;
        int unchanged;
    }
}
