package org.kpisuite.plan.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.kpisuite.plan.config.PlanConfig;
import org.kpisuite.plan.domain.Plan;
import org.kpisuite.plan.domain.PlanItem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;

/** Plans themselves: their attributes, and their items read as a tree. */
@ApplicationScoped
public class PlanService {

    /** Siblings in plan order: sortOrder, then code where the order ties. */
    public static final Comparator<PlanItem> TREE_ORDER =
            Comparator.comparingInt((PlanItem i) -> i.sortOrder).thenComparing(i -> i.code);
    private static final Logger LOG = Logger.getLogger(PlanService.class);

    @Inject
    Caller caller;

    @Inject
    PlanConfig config;

    @Transactional
    public Plan create(PlanRequest request) {
        validate(request, config);
        Plan plan = newPlan(request.code, request, caller.subject());
        if (!plan.insertIfAbsent()) {
            throw ProblemException.conflict("code", "plan " + request.code + " already exists");
        }
        return get(request.code);
    }

    public Plan get(String code) {
        return Plan.<Plan>findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("plan", code));
    }

    public List<Plan> list(String agency, Integer fiscalYear) {
        return Plan.search(agency, fiscalYear);
    }

    @Transactional
    public Plan update(String code, PlanChangeRequest request) {
        validate(request, config);
        Plan plan = Plan.lock(code).orElseThrow(() -> ProblemException.notFound("plan", code));
        if (changeStored(plan, request)) {
            plan.updatedAt = Instant.now();
            plan.changedBy = caller.subject();
        }
        return plan;
    }

    /** Only an empty plan can go: items are referred to by indicators and replicated by other services. */
    @Transactional
    public void delete(String code) {
        Plan plan = Plan.lock(code).orElseThrow(() -> ProblemException.notFound("plan", code));
        long items = PlanItem.countByPlan(code);
        if (items > 0) {
            throw ProblemException.conflict("code",
                    "plan " + code + " still has " + items + " item(s); delete them first");
        }
        plan.delete();
        LOG.infof("plan %s deleted by %s", code, caller.subject());
    }

    /** Builds the plan's tree bottom-up with the given node factory; roots and children in tree order. */
    public <N> List<N> tree(String planCode, BiFunction<PlanItem, List<N>, N> node) {
        Map<UUID, List<PlanItem>> children = new HashMap<>();
        for (PlanItem item : PlanItem.<PlanItem>list("planCode", planCode)) {
            children.computeIfAbsent(item.parentId, k -> new ArrayList<>()).add(item);
        }
        return nodes(null, children, node);
    }

    private static <N> List<N> nodes(UUID parentId, Map<UUID, List<PlanItem>> children,
            BiFunction<PlanItem, List<N>, N> node) {
        return children.getOrDefault(parentId, List.of()).stream()
                .sorted(TREE_ORDER)
                .map(item -> node.apply(item, nodes(item.id, children, node)))
                .toList();
    }

    static Plan newPlan(String code, PlanChangeRequest attributes, String actor) {
        Plan plan = new Plan();
        plan.code = code;
        change(plan, attributes);
        plan.createdAt = Instant.now();
        plan.updatedAt = plan.createdAt;
        plan.changedBy = actor;
        return plan;
    }

    /**
     * Changes a stored plan. Its year and agency travel in every item's event and other services keep them (a budget
     * names the plan of its own year), so they change only while the plan has no items.
     */
    static boolean changeStored(Plan plan, PlanChangeRequest a) {
        String moved = plan.fiscalYear != a.fiscalYear ? "fiscalYear" : !Objects.equals(plan.agency, a.agency)
                ? "agency" : null;
        long items = moved == null ? 0 : PlanItem.countByPlan(plan.code);
        if (items > 0) {
            throw ProblemException.conflict(moved, "plan " + plan.code + " is " + plan.agency + "'s plan for FY"
                    + plan.fiscalYear + " and has " + items + " item(s), which other services know by that year and "
                    + "agency; create another plan for " + (moved.equals("agency") ? a.agency : "FY" + a.fiscalYear)
                    + " instead");
        }
        return change(plan, a);
    }

    static boolean change(Plan plan, PlanChangeRequest a) {
        return plan.change(a.agency, a.fiscalYear, a.midTermPeriod, a.midTermFirstYear, a.midTermLastYear, a.nameJa,
                a.nameEn);
    }

    /**
     * Rules across fields, and the agency when the suite lists its agencies ({@code kpi.plan.agencies}); single
     * fields are checked by bean validation on the request.
     */
    static void validate(PlanChangeRequest a, PlanConfig config) {
        config.agencies().filter(known -> !known.contains(a.agency)).ifPresent(known -> {
            throw ProblemException.invalidField("agency", "is not one of the agencies " + String.join(", ",
                    new TreeSet<>(known)));
        });
        Integer first = a.midTermFirstYear;
        Integer last = a.midTermLastYear;
        if (first == null && last != null) {
            throw ProblemException.invalidField("midTermFirstYear", "is required with midTermLastYear");
        }
        if (first != null && last == null) {
            throw ProblemException.invalidField("midTermLastYear", "is required with midTermFirstYear");
        }
        if (first != null && first > last) {
            throw ProblemException.invalidField("midTermLastYear", "must not be before midTermFirstYear " + first);
        }
        if (first != null && (a.fiscalYear < first || a.fiscalYear > last)) {
            throw ProblemException.invalidField("fiscalYear",
                    "must lie within the mid-term period FY" + first + "–FY" + last);
        }
    }
}
