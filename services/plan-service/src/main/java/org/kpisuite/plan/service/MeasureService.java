package org.kpisuite.plan.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.kpisuite.events.CommentaryEvent.ReviewPeriod;
import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.events.MeasureEvent.Status;
import org.kpisuite.plan.config.PlanConfig;
import org.kpisuite.plan.domain.Commentary;
import org.kpisuite.plan.domain.Measure;
import org.kpisuite.plan.domain.MeasureChange;
import org.kpisuite.plan.domain.Milestone;
import org.kpisuite.plan.domain.Plan;
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.plan.events.MeasureEvents;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.TextRules;
import org.kpisuite.security.Caller;

/**
 * Plan execution: administrators edit the measures, initiatives and milestones (the tree); a department's submitters
 * write the status, the milestones' done dates and the commentary of their own department's measures. Every change
 * locks the measure's row (a tree edit its plan's row first), so two writers never interleave, and publishes the
 * measure's new state in its transaction.
 */
@ApplicationScoped
public class MeasureService {

    private static final Logger LOG = Logger.getLogger(MeasureService.class);

    @Inject
    MeasureEvents events;

    @Inject
    Caller caller;

    @Inject
    PlanConfig config;

    /** What a write did: CREATED a new commentary revision, CHANGED the measure (a new version), or nothing. */
    public enum Outcome {
        CREATED, CHANGED, UNCHANGED
    }

    public record Written<T>(T value, Outcome outcome) {
    }

    public LocalDate today() {
        return LocalDate.now(config.zone());
    }

    // ------------------------------------------------------------------------------ the tree (administrators)

    @Transactional
    public Measure create(MeasureRequest request) {
        Plan plan = Plan.lock(request.planCode()).orElseThrow(() -> ProblemException.invalidField("planCode",
                "no plan has code " + request.planCode()));
        if (Measure.findByCode(request.planCode(), request.code()).isPresent()) {
            throw ProblemException.conflict("code", "plan " + request.planCode() + " already has a measure with code "
                    + request.code());
        }
        Measure measure = new Measure();
        measure.id = UUID.randomUUID();
        measure.planCode = plan.code;
        measure.code = request.code();
        measure.status = Status.NOT_STARTED;
        measure.createdAt = Instant.now();
        measure.version = 0;
        apply(measure, request);
        measure.touch(caller.subject());
        measure.persist();
        events.changed(measure, MeasureChange.Change.CREATED);
        return measure;
    }

    @Transactional
    public Measure update(UUID id, MeasureRequest request) {
        Measure measure = lockedForTree(id);
        if (!measure.planCode.equals(request.planCode())) {
            throw ProblemException.invalidField("planCode", "a measure cannot move to another plan");
        }
        Measure.findByCode(request.planCode(), request.code()).filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw ProblemException.conflict("code", "plan " + request.planCode() + " already has a measure with code "
                    + request.code());
        });
        String before = treeState(measure);
        UUID itemBefore = measure.planItemId;
        List<String> children = Measure.<Measure>list("parentId = ?1 order by code", id).stream().map(m -> m.code)
                .toList();
        measure.code = request.code();
        apply(measure, request);
        keepPlaceOfParent(measure, itemBefore, children);
        if (!before.equals(treeState(measure))) {
            measure.touch(caller.subject());
            events.changed(measure, MeasureChange.Change.TREE);
        }
        return measure;
    }

    /**
     * Deletes a measure that nobody has written about yet (no commentary) and that has no sub-measures; its
     * milestones go with it. A measure with history is DROPPED instead, so that its history stays.
     */
    @Transactional
    public void delete(UUID id) {
        Measure measure = lockedForTree(id);
        List<String> reasons = new ArrayList<>();
        if (Commentary.countOf(id) > 0) {
            reasons.add("it has commentary; set its status to DROPPED instead");
        }
        List<String> children = Measure.<Measure>list("parentId = ?1 order by code", id).stream().map(m -> m.code)
                .toList();
        if (!children.isEmpty()) {
            reasons.add("it has sub-measures " + String.join(", ", children) + "; delete them first");
        }
        if (!reasons.isEmpty()) {
            throw ProblemException.conflict("id", "measure " + measure.code + " of plan " + measure.planCode
                    + " cannot be deleted: " + String.join("; ", reasons));
        }
        measure.touch(caller.subject());
        events.removed(measure);
        Milestone.delete("measureId", id);
        MeasureChange.delete("measureId", id);
        measure.delete();
        LOG.infof("measure %s (%s of plan %s) deleted by %s", id, measure.code, measure.planCode, caller.subject());
    }

    @Transactional
    public Milestone addMilestone(UUID measureId, MilestoneRequest request) {
        Measure measure = lockedForTree(measureId);
        List<Milestone> existing = Milestone.of(measureId);
        String code = TextRules.blank(request.code())
                ? MeasureRules.nextMilestoneCode(measure.code, codesOfPlan(measure.planCode))
                : request.code();
        requireFreeMilestoneCode(measure.planCode, code, null);
        MeasureRules.checkDue("due", request.due(), fiscalYear(measure));
        Milestone milestone = new Milestone();
        milestone.id = UUID.randomUUID();
        milestone.measureId = measureId;
        milestone.planCode = measure.planCode;
        milestone.code = code;
        milestone.sortOrder = existing.stream().mapToInt(m -> m.sortOrder).max().orElse(0) + 1;
        apply(milestone, request);
        milestone.persist();
        measure.touch(caller.subject());
        events.changed(measure, MeasureChange.Change.MILESTONES);
        return milestone;
    }

    @Transactional
    public Milestone updateMilestone(UUID id, MilestoneRequest request) {
        Milestone milestone = milestone(id);
        Measure measure = lockedForTree(milestone.measureId);
        String code = TextRules.blank(request.code()) ? milestone.code : request.code();
        requireFreeMilestoneCode(measure.planCode, code, id);
        MeasureRules.checkDue("due", request.due(), fiscalYear(measure));
        boolean changed = !code.equals(milestone.code) || !Objects.equals(milestone.nameJa, request.nameJa())
                || !Objects.equals(milestone.nameEn, request.nameEn()) || !milestone.due.equals(request.due())
                || !Objects.equals(milestone.dueBasis, request.dueBasis());
        if (changed) {
            milestone.code = code;
            apply(milestone, request);
            measure.touch(caller.subject());
            events.changed(measure, MeasureChange.Change.MILESTONES);
        }
        return milestone;
    }

    @Transactional
    public void deleteMilestone(UUID id) {
        Milestone milestone = milestone(id);
        Measure measure = lockedForTree(milestone.measureId);
        milestone.delete();
        measure.touch(caller.subject());
        events.changed(measure, MeasureChange.Change.MILESTONES);
    }

    // ---------------------------------------------------------------- execution (the owning department)

    @Transactional
    public Written<Measure> setStatus(UUID id, StatusRequest request) {
        Measure measure = lockedForDepartment(id);
        if (measure.status == request.status()) {
            return new Written<>(measure, Outcome.UNCHANGED);
        }
        measure.status = request.status();
        measure.touch(caller.subject());
        events.changed(measure, MeasureChange.Change.STATUS);
        return new Written<>(measure, Outcome.CHANGED);
    }

    /** Sets (or with null clears) the day a milestone was delivered. */
    @Transactional
    public Written<Milestone> markDone(UUID id, DoneRequest request) {
        Milestone milestone = milestone(id);
        Measure measure = lockedForDepartment(milestone.measureId);
        MeasureRules.checkDone("doneOn", request.doneOn(), fiscalYear(measure), today());
        if (Objects.equals(milestone.doneOn, request.doneOn())) {
            return new Written<>(milestone, Outcome.UNCHANGED);
        }
        milestone.doneOn = request.doneOn();
        measure.touch(caller.subject());
        events.changed(measure, MeasureChange.Change.MILESTONE_DONE);
        return new Written<>(milestone, Outcome.CHANGED);
    }

    /**
     * A new revision of the measure's commentary for the period; the same content as the latest revision changes
     * nothing (a repeated request is harmless).
     */
    @Transactional
    public Written<Commentary> writeCommentary(UUID measureId, ReviewPeriod period, CommentaryRequest request) {
        Measure measure = lockedForDepartment(measureId);
        MeasureRules.checkCommentary(request);
        MeasureRules.checkEvidence("evidence", request.evidenceOrEmpty());
        String done = MeasureRules.text(request.done());
        String problems = MeasureRules.text(request.problems());
        String nextSteps = MeasureRules.text(request.nextSteps());
        String[] evidence = request.evidenceOrEmpty().stream().map(String::strip).toArray(String[]::new);
        Optional<Commentary> latest = Commentary.latest(measureId, period);
        if (latest.isPresent() && Objects.equals(latest.get().done, done)
                && Objects.equals(latest.get().problems, problems) && Objects.equals(latest.get().nextSteps, nextSteps)
                && Arrays.equals(latest.get().evidence, evidence)) {
            return new Written<>(latest.get(), Outcome.UNCHANGED);
        }
        Commentary commentary = new Commentary();
        commentary.measureId = measureId;
        commentary.period = period;
        commentary.revision = latest.map(c -> c.revision + 1).orElse(1);
        commentary.done = done;
        commentary.problems = problems;
        commentary.nextSteps = nextSteps;
        commentary.evidence = evidence;
        commentary.reason = MeasureRules.text(request.reason());
        commentary.recordedBy = caller.subject();
        commentary.recordedAt = Instant.now();
        commentary.persist();
        events.commentary(measure, commentary);
        return new Written<>(commentary, Outcome.CREATED);
    }

    // --------------------------------------------------------------------------------------------- reads

    public Measure get(UUID id) {
        return Measure.<Measure>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("measure", id.toString()));
    }

    public Milestone milestone(UUID id) {
        return Milestone.<Milestone>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("milestone", id.toString()));
    }

    /** Measures and initiatives, filtered by whichever of the arguments are given, in plan and code order. */
    public List<Measure> list(String planCode, String code, String department, Kind kind, UUID planItemId) {
        StringBuilder query = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (planCode != null) {
            params.add(planCode);
            query.append(" and planCode = ?").append(params.size());
        }
        if (code != null) {
            params.add(code);
            query.append(" and code = ?").append(params.size());
        }
        if (department != null) {
            params.add(department);
            query.append(" and department = ?").append(params.size());
        }
        if (kind != null) {
            params.add(kind);
            query.append(" and kind = ?").append(params.size());
        }
        if (planItemId != null) {
            params.add(planItemId);
            query.append(" and planItemId = ?").append(params.size());
        }
        return Measure.list(query + " order by planCode, code", params.toArray());
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** The measure, locked after its plan: tree edits of one plan never interleave. */
    private Measure lockedForTree(UUID id) {
        Measure measure = get(id);
        Plan.lock(measure.planCode);
        try {
            Measure.getEntityManager().refresh(measure, LockModeType.PESSIMISTIC_WRITE);
        } catch (EntityNotFoundException e) {
            throw ProblemException.notFound("measure", id.toString());
        }
        return measure;
    }

    /** The measure, locked, once the caller is known to write for its department (403 otherwise). */
    private Measure lockedForDepartment(UUID id) {
        Measure measure = lock(id);
        Optional<String> department = caller.submittingDepartment();
        if (department.isPresent() && !department.get().equals(measure.department)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "measure " + measure.code + " belongs to "
                    + "department " + measure.department + "; this token writes for " + department.get() + " only",
                    null);
        }
        return measure;
    }

    private Measure lock(UUID id) {
        Measure measure = Measure.getEntityManager().find(Measure.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (measure == null) {
            throw ProblemException.notFound("measure", id.toString());
        }
        return measure;
    }

    private void apply(Measure measure, MeasureRequest request) {
        PlanItem item = PlanItem.<PlanItem>findByIdOptional(request.planItemId())
                .orElseThrow(() -> ProblemException.invalidField("planItemId", "no plan item has id " + request.planItemId()));
        if (!item.planCode.equals(measure.planCode)) {
            throw ProblemException.invalidField("planItemId", "the plan item belongs to plan " + item.planCode);
        }
        if (request.parentId() != null) {
            if (request.kind() != Kind.MEASURE) {
                throw ProblemException.invalidField("parentId", "only a measure can be a sub-measure");
            }
            Measure parent = Measure.<Measure>findByIdOptional(request.parentId())
                    .orElseThrow(() -> ProblemException.invalidField("parentId", "no measure has id " + request.parentId()));
            if (parent.id.equals(measure.id) || parent.parentId != null || parent.kind != Kind.MEASURE
                    || !parent.planItemId.equals(request.planItemId())) {
                throw ProblemException.invalidField("parentId", "must be a numbered measure (not itself, not a "
                        + "sub-measure, not an initiative) of the same plan item");
            }
        }
        if (request.kind() == Kind.MEASURE && !request.concernsOrEmpty().isEmpty()) {
            throw ProblemException.invalidField("concerns", "only an initiative concerns other items");
        }
        Set<String> itemCodes = itemCodes(measure.planCode);
        for (int i = 0; i < request.concernsOrEmpty().size(); i++) {
            if (!itemCodes.contains(request.concernsOrEmpty().get(i))) {
                throw ProblemException.invalidField("concerns[" + i + "]", "plan " + measure.planCode
                        + " has no item with code " + request.concernsOrEmpty().get(i));
            }
        }
        measure.kind = request.kind();
        measure.planItemId = request.planItemId();
        measure.parentId = request.parentId();
        measure.marker = request.marker();
        measure.titleJa = request.titleJa();
        measure.textJa = request.textJa();
        measure.nameEn = request.nameEn();
        measure.department = request.department();
        measure.sortOrder = request.sortOrder() == null ? 0 : request.sortOrder();
        measure.concerns = request.concernsOrEmpty().toArray(String[]::new);
    }

    /**
     * A measure with sub-measures stays a numbered measure of its item: its sub-measures must be of the same item
     * and one level deep, and they are not moved along (409; move or delete them first). Runs under the plan's lock,
     * as does the creation of a sub-measure, so no sub-measure can appear between the read of the children and the
     * write. Called once the request is applied (a refusal rolls it back).
     */
    private static void keepPlaceOfParent(Measure measure, UUID itemBefore, List<String> children) {
        if (children.isEmpty()) {
            return;
        }
        String field = measure.kind != Kind.MEASURE ? "kind"
                : measure.parentId != null ? "parentId"
                : !measure.planItemId.equals(itemBefore) ? "planItemId" : null;
        if (field != null) {
            throw ProblemException.conflict(field, "measure " + measure.code + " of plan " + measure.planCode
                    + " has sub-measures " + String.join(", ", children) + ": it stays a numbered measure of its plan "
                    + "item; move or delete them first");
        }
    }

    /** What an administrator's edit can change, to tell whether it changed anything. */
    private static String treeState(Measure m) {
        return String.join("\u0001", m.code, m.kind.name(), m.planItemId.toString(), String.valueOf(m.parentId),
                String.valueOf(m.marker), String.valueOf(m.titleJa), m.textJa, String.valueOf(m.nameEn), m.department,
                String.valueOf(m.sortOrder), String.join(",", m.concerns));
    }

    private static void apply(Milestone milestone, MilestoneRequest request) {
        milestone.nameJa = request.nameJa();
        milestone.nameEn = request.nameEn();
        milestone.due = request.due();
        milestone.dueBasis = request.dueBasis();
    }

    private static void requireFreeMilestoneCode(String planCode, String code, UUID self) {
        Milestone.<Milestone>find("planCode = ?1 and code = ?2", planCode, code).firstResultOptional()
                .filter(other -> !other.id.equals(self))
                .ifPresent(other -> {
                    throw ProblemException.conflict("code", "plan " + planCode + " already has a milestone with code "
                            + code);
                });
    }

    private static Set<String> codesOfPlan(String planCode) {
        return Milestone.<Milestone>list("planCode", planCode).stream().map(m -> m.code).collect(Collectors.toSet());
    }

    private static Set<String> itemCodes(String planCode) {
        return PlanItem.<PlanItem>list("planCode", planCode).stream().map(i -> i.code).collect(Collectors.toSet());
    }

    static int fiscalYear(Measure measure) {
        return Plan.<Plan>findById(measure.planCode).fiscalYear;
    }
}
