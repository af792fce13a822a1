package org.kpisuite.plan.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.events.MeasureEvent.Status;
import org.kpisuite.plan.domain.Measure;
import org.kpisuite.plan.domain.MeasureChange;
import org.kpisuite.plan.domain.Milestone;
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.events.MeasureEvents;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;

/**
 * The measures, initiatives and milestones of a plan document, brought in line with the stored ones in the import's
 * transaction. Matched by code; only a measure whose tree attributes or milestones differ gets a new version and an
 * event. What the departments write (status, done dates, commentary) is never touched, and stored measures and
 * milestones the document does not mention are kept (added through the API, or of an earlier document) and reported.
 */
@ApplicationScoped
public class PlanDocumentMeasures {

    @Inject
    MeasureEvents events;

    @Inject
    Caller caller;

    public record Counts(int created, int updated, int unchanged, List<String> notInDocument) {
    }

    public record Outcome(Counts measures, Counts milestones) {
    }

    private static final class Tally {
        int created;
        int updated;
        int unchanged;

        Counts counts(List<String> notInDocument) {
            return new Counts(created, updated, unchanged, notInDocument);
        }
    }

    /**
     * The document's measures against the rules that span fields, each problem named by its path (e.g.
     * {@code items[0].initiatives[1].concerns[0]}): codes unique in the plan, an initiative's items known (in the
     * document or stored), a sub-measure one level deep, due dates as {@link MeasureRules#checkDue} takes them.
     */
    static void check(PlanDocument document, Set<String> storedItemCodes, List<Problem.Violation> violations) {
        Set<String> itemCodes = new java.util.HashSet<>(storedItemCodes);
        collectItemCodes(document.itemsOrEmpty(), itemCodes);
        Map<String, String> measureAt = new HashMap<>();
        Map<String, String> milestoneAt = new HashMap<>();
        walkItems("items", document.itemsOrEmpty(), (path, measure, kind, depth, itemCode) -> {
            String earlier = measureAt.putIfAbsent(measure.code(), path);
            if (earlier != null) {
                violations.add(new Problem.Violation(path + ".code", "code " + measure.code() + " is already used by "
                        + earlier));
            }
            if (kind == Kind.INITIATIVE || depth > 0) {
                if (!measure.measuresOrEmpty().isEmpty()) {
                    violations.add(new Problem.Violation(path + ".measures", kind == Kind.INITIATIVE
                            ? "an initiative has no sub-measures" : "a sub-measure has no sub-measures of its own"));
                }
            }
            if (kind == Kind.MEASURE && !measure.concernsOrEmpty().isEmpty()) {
                violations.add(new Problem.Violation(path + ".concerns", "only an initiative concerns other items"));
            }
            for (int i = 0; i < measure.concernsOrEmpty().size(); i++) {
                if (!itemCodes.contains(measure.concernsOrEmpty().get(i))) {
                    violations.add(new Problem.Violation(path + ".concerns[" + i + "]", "the plan has no item with code "
                            + measure.concernsOrEmpty().get(i)));
                }
            }
            for (int i = 0; i < measure.milestonesOrEmpty().size(); i++) {
                PlanDocumentMilestone milestone = measure.milestonesOrEmpty().get(i);
                String here = path + ".milestones[" + i + "]";
                String before = milestoneAt.putIfAbsent(milestone.code(), here);
                if (before != null) {
                    violations.add(new Problem.Violation(here + ".code", "code " + milestone.code()
                            + " is already used by " + before));
                }
                String due = MeasureRules.dueViolation(milestone.due(), document.fiscalYear);
                if (due != null) {
                    violations.add(new Problem.Violation(here + ".due", due));
                }
            }
        });
    }

    /** Applies the document's measures to the plan, whose items are already in line with the document. */
    public Outcome apply(String planCode, PlanDocument document) {
        Map<String, UUID> items = new HashMap<>();
        PlanItem.<PlanItem>list("planCode", planCode).forEach(item -> items.put(item.code, item.id));
        Map<String, Measure> stored = new HashMap<>();
        Measure.listByPlan(planCode).forEach(m -> stored.put(m.code, m));
        Map<String, Milestone> storedMilestones = new HashMap<>();
        Milestone.<Milestone>list("planCode", planCode).forEach(m -> storedMilestones.put(m.code, m));
        keepPlaceOfParents(document, items, stored);
        Tally measures = new Tally();
        Tally milestones = new Tally();
        upsertItems(planCode, document.itemsOrEmpty(), items, stored, storedMilestones, measures, milestones);
        return new Outcome(measures.counts(stored.keySet().stream().sorted().toList()),
                milestones.counts(storedMilestones.keySet().stream().sorted().toList()));
    }

    private void upsertItems(String planCode, List<PlanDocumentItem> documentItems, Map<String, UUID> items,
            Map<String, Measure> stored, Map<String, Milestone> storedMilestones, Tally measures, Tally milestones) {
        for (PlanDocumentItem item : documentItems) {
            UUID itemId = items.get(item.code());
            List<PlanDocumentMeasure> initiatives = item.initiativesOrEmpty();
            for (int i = 0; i < initiatives.size(); i++) {
                upsert(planCode, initiatives.get(i), Kind.INITIATIVE, itemId, null, i + 1, stored, storedMilestones,
                        measures, milestones);
            }
            List<PlanDocumentMeasure> numbered = item.measuresOrEmpty();
            for (int i = 0; i < numbered.size(); i++) {
                Measure parent = upsert(planCode, numbered.get(i), Kind.MEASURE, itemId, null, i + 1, stored,
                        storedMilestones, measures, milestones);
                List<PlanDocumentMeasure> lettered = numbered.get(i).measuresOrEmpty();
                for (int j = 0; j < lettered.size(); j++) {
                    upsert(planCode, lettered.get(j), Kind.MEASURE, itemId, parent.id, j + 1, stored, storedMilestones,
                            measures, milestones);
                }
            }
            upsertItems(planCode, item.itemsOrEmpty(), items, stored, storedMilestones, measures, milestones);
        }
    }

    private Measure upsert(String planCode, PlanDocumentMeasure wanted, Kind kind, UUID itemId, UUID parentId,
            int sortOrder, Map<String, Measure> stored, Map<String, Milestone> storedMilestones, Tally measures,
            Tally milestones) {
        Measure measure = stored.remove(wanted.code());
        boolean created = measure == null;
        if (created) {
            measure = new Measure();
            measure.id = UUID.randomUUID();
            measure.planCode = planCode;
            measure.code = wanted.code();
            measure.status = Status.NOT_STARTED;
            measure.createdAt = Instant.now();
            measure.version = 0;
        }
        String[] concerns = wanted.concernsOrEmpty().toArray(String[]::new);
        boolean treeChanged = created || measure.kind != kind || !itemId.equals(measure.planItemId)
                || !Objects.equals(measure.parentId, parentId) || !Objects.equals(measure.marker, wanted.marker())
                || !Objects.equals(measure.titleJa, wanted.titleJa()) || !Objects.equals(measure.textJa, wanted.textJa())
                || !Objects.equals(measure.nameEn, wanted.nameEn())
                || !Objects.equals(measure.department, wanted.department()) || measure.sortOrder != sortOrder
                || !Arrays.equals(measure.concerns, concerns);
        measure.kind = kind;
        measure.planItemId = itemId;
        measure.parentId = parentId;
        measure.marker = wanted.marker();
        measure.titleJa = wanted.titleJa();
        measure.textJa = wanted.textJa();
        measure.nameEn = wanted.nameEn();
        measure.department = wanted.department();
        measure.sortOrder = sortOrder;
        measure.concerns = concerns;
        if (created) {
            measure.touch(caller.subject());
            measure.persist();
        }
        boolean milestonesChanged = false;
        List<PlanDocumentMilestone> wantedMilestones = wanted.milestonesOrEmpty();
        for (int k = 0; k < wantedMilestones.size(); k++) {
            PlanDocumentMilestone w = wantedMilestones.get(k);
            Milestone milestone = storedMilestones.remove(w.code());
            if (milestone == null) {
                milestone = new Milestone();
                milestone.id = UUID.randomUUID();
                milestone.planCode = planCode;
                milestone.code = w.code();
                set(milestone, measure.id, w, k + 1);
                milestone.persist();
                milestones.created++;
                milestonesChanged = true;
            } else if (!milestone.measureId.equals(measure.id) || !Objects.equals(milestone.nameJa, w.nameJa())
                    || !Objects.equals(milestone.nameEn, w.nameEn()) || !milestone.due.equals(w.due())
                    || !Objects.equals(milestone.dueBasis, w.dueBasis()) || milestone.sortOrder != k + 1) {
                set(milestone, measure.id, w, k + 1);
                milestones.updated++;
                milestonesChanged = true;
            } else {
                milestones.unchanged++;
            }
        }
        if (created) {
            events.changed(measure, MeasureChange.Change.CREATED);
            measures.created++;
        } else if (treeChanged || milestonesChanged) {
            measure.touch(caller.subject());
            events.changed(measure, treeChanged ? MeasureChange.Change.TREE : MeasureChange.Change.MILESTONES);
            measures.updated++;
        } else {
            measures.unchanged++;
        }
        return measure;
    }

    /**
     * A stored sub-measure the document does not mention keeps its parent, so the document must leave that parent a
     * numbered measure of the sub-measure's item, as a PUT of the parent must (409 naming the parent's path; the
     * sub-measures are not moved along). Runs under the plan's lock, before any measure is written (the items written
     * before it are rolled back with the refusal).
     */
    private static void keepPlaceOfParents(PlanDocument document, Map<String, UUID> items,
            Map<String, Measure> stored) {
        record Place(String path, Kind kind, int depth, String itemCode) {
        }
        Map<String, Place> places = new HashMap<>();
        walkItems("items", document.itemsOrEmpty(), (path, measure, kind, depth, itemCode) -> places
                .putIfAbsent(measure.code(), new Place(path, kind, depth, itemCode)));
        Map<UUID, String> itemCodes = new HashMap<>();
        items.forEach((code, id) -> itemCodes.put(id, code));
        Map<UUID, Measure> byId = new HashMap<>();
        stored.values().forEach(m -> byId.put(m.id, m));
        Map<Measure, List<String>> stranded = new TreeMap<>(Comparator.comparing(m -> m.code));
        for (Measure child : stored.values()) {
            Measure parent = child.parentId == null ? null : byId.get(child.parentId);
            if (parent == null || places.containsKey(child.code) || !places.containsKey(parent.code)) {
                continue;
            }
            Place place = places.get(parent.code);
            if (place.kind() != Kind.MEASURE || place.depth() > 0
                    || !place.itemCode().equals(itemCodes.get(child.planItemId))) {
                stranded.computeIfAbsent(parent, p -> new ArrayList<>()).add(child.code);
            }
        }
        if (stranded.isEmpty()) {
            return;
        }
        List<Problem.Violation> violations = stranded.entrySet().stream().map(e -> new Problem.Violation(
                places.get(e.getKey().code).path(), "measure " + e.getKey().code + " has sub-measures "
                        + String.join(", ", e.getValue().stream().sorted().toList()) + " that the document does not "
                        + "mention: it stays a numbered measure of item " + itemCodes.get(e.getKey().planItemId)
                        + "; list them in the document, or move or delete them first")).toList();
        throw new ProblemException(409, "conflict", "Conflict", violations.stream()
                .map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; ")), violations);
    }

    private static void set(Milestone milestone, UUID measureId, PlanDocumentMilestone wanted, int sortOrder) {
        milestone.measureId = measureId;
        milestone.nameJa = wanted.nameJa();
        milestone.nameEn = wanted.nameEn();
        milestone.due = wanted.due();
        milestone.dueBasis = wanted.dueBasis();
        milestone.sortOrder = sortOrder;
    }

    @FunctionalInterface
    private interface Visit {
        void measure(String path, PlanDocumentMeasure measure, Kind kind, int depth, String itemCode);
    }

    private static void walkItems(String path, List<PlanDocumentItem> items, Visit visit) {
        for (int i = 0; i < items.size(); i++) {
            String here = path + "[" + i + "]";
            PlanDocumentItem item = items.get(i);
            walkMeasures(here + ".initiatives", item.initiativesOrEmpty(), Kind.INITIATIVE, 0, item.code(), visit);
            walkMeasures(here + ".measures", item.measuresOrEmpty(), Kind.MEASURE, 0, item.code(), visit);
            walkItems(here + ".items", item.itemsOrEmpty(), visit);
        }
    }

    private static void walkMeasures(String path, List<PlanDocumentMeasure> measures, Kind kind, int depth,
            String itemCode, Visit visit) {
        for (int i = 0; i < measures.size(); i++) {
            String here = path + "[" + i + "]";
            visit.measure(here, measures.get(i), kind, depth, itemCode);
            if (depth == 0 && kind == Kind.MEASURE) {
                walkMeasures(here + ".measures", measures.get(i).measuresOrEmpty(), kind, depth + 1, itemCode, visit);
            }
        }
    }

    private static void collectItemCodes(List<PlanDocumentItem> items, Set<String> codes) {
        for (PlanDocumentItem item : items) {
            codes.add(item.code());
            collectItemCodes(item.itemsOrEmpty(), codes);
        }
    }
}
