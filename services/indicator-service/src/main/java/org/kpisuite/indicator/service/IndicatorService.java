package org.kpisuite.indicator.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.indicator.config.IndicatorConfig;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.indicator.domain.IndicatorTarget;
import org.kpisuite.indicator.domain.PlanItemReplica;
import org.kpisuite.indicator.events.IndicatorEvents;
import org.kpisuite.problem.Problem.Violation;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;

@ApplicationScoped
public class IndicatorService {

    @Inject
    IndicatorEvents events;

    @Inject
    Caller caller;

    @Inject
    IndicatorConfig config;

    @Inject
    EntityManager entityManager;

    /** 'INDI': the advisory-lock class of one indicator's writes. */
    private static final int LOCK_CLASS = 0x494E4449;

    public enum Outcome {
        CREATED, CHANGED, UNCHANGED
    }

    public record Result(Indicator indicator, Outcome outcome) {
    }

    @Transactional
    public Indicator define(IndicatorRequest request) {
        lock(request.code());
        if (Indicator.findById(request.code()) != null) {
            throw ProblemException.conflict("code", "an indicator with code " + request.code() + " exists");
        }
        return create(request, checked(request));
    }

    /**
     * Creates the indicator or brings it to the given definition. An identical definition changes nothing:
     * no new version, no event (so loading a catalog twice is harmless).
     */
    @Transactional
    public Result put(String code, IndicatorRequest request) {
        if (!code.equals(request.code())) {
            throw ProblemException.invalidField("code", "differs from the code in the path (" + code + ")");
        }
        lock(code);
        IndicatorRules.Checked checked = checked(request);
        Indicator indicator = Indicator.findById(code);
        if (indicator == null) {
            return new Result(create(request, checked), Outcome.CREATED);
        }
        IndicatorEvent before = IndicatorEvents.toEvent(indicator);
        apply(indicator, request, checked);
        indicator.targets.removeIf(t -> checked.targets().stream().noneMatch(c -> c.fiscalYear() == t.fiscalYear));
        for (Target target : checked.targets()) {
            setTarget(indicator, target);
        }
        if (sameDefinition(before, IndicatorEvents.toEvent(indicator))) {
            return new Result(indicator, Outcome.UNCHANGED);
        }
        changed(indicator, IndicatorEvent.TYPE_CHANGED);
        return new Result(indicator, Outcome.CHANGED);
    }

    /**
     * Sets one fiscal year's target; the targets of other years stay as they are. The target it has already
     * changes nothing (a retried request): no new version, no event.
     */
    @Transactional
    public Result setTarget(String code, int fiscalYear, TargetRequest request) {
        lock(code);
        Indicator indicator = get(code);
        if (request.fiscalYear() != fiscalYear) {
            throw ProblemException.invalidField("fiscalYear", "differs from the fiscal year in the path (" + fiscalYear + ")");
        }
        IndicatorRules.Checked checked = IndicatorRules.checkTarget(indicator.aggregation, indicator.breakdown,
                indicator.parts, indicator.referenceOnly, request, indicator.firstFiscalYear, indicator.lastFiscalYear);
        fail(checked.violations());
        IndicatorEvent before = IndicatorEvents.toEvent(indicator);
        setTarget(indicator, checked.targets().get(0));
        if (sameDefinition(before, IndicatorEvents.toEvent(indicator))) {
            return new Result(indicator, Outcome.UNCHANGED);
        }
        changed(indicator, IndicatorEvent.TYPE_CHANGED);
        return new Result(indicator, Outcome.CHANGED);
    }

    /** Ends the indicator after a fiscal year; it stays reportable for the years it was active. */
    @Transactional
    public Indicator retire(String code, int lastFiscalYear) {
        lock(code);
        Indicator indicator = get(code);
        if (lastFiscalYear < indicator.firstFiscalYear) {
            throw ProblemException.invalidField("lastFiscalYear", "is before the first fiscal year FY" + indicator.firstFiscalYear);
        }
        int lastTarget = indicator.targets.stream().mapToInt(t -> t.fiscalYear).max().orElse(lastFiscalYear);
        if (lastTarget > lastFiscalYear) {
            throw ProblemException.invalidField("lastFiscalYear", "FY" + lastTarget + " has a target; retire after it");
        }
        // Sent again (a retried request), the same retirement is no new version and no new event.
        if (indicator.retired && Integer.valueOf(lastFiscalYear).equals(indicator.lastFiscalYear)) {
            return indicator;
        }
        indicator.retired = true;
        indicator.lastFiscalYear = lastFiscalYear;
        changed(indicator, IndicatorEvent.TYPE_RETIRED);
        return indicator;
    }

    /**
     * Makes the writes of one indicator (another replica's included) take turns until the transaction ends, so that
     * each reads what the one before committed and writes the next version: two that read the same row both wrote
     * its next version (a 500 on indicator_version's key), two creates both inserted it (on indicator's key). An
     * advisory lock on the code's hash, not the row's lock, because a create has no row yet to lock. Taken before
     * anything of the indicator is read in the transaction (a read before it may be stale); taken again, it is held
     * already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String code) {
        lockAll(List.of(code));
    }

    /**
     * {@link #lock} for several codes, in one statement and in the order of the locks' keys: two transactions that
     * lock codes of one hash in crossed orders would wait for each other. (A code holds no control character.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(Collection<String> codes) {
        entityManager.createNativeQuery("""
                select count(pg_advisory_xact_lock(:class, h))
                from (select distinct hashtext(c) as h from unnest(string_to_array(:codes, chr(31))) c order by h) keys""")
                .setParameter("class", LOCK_CLASS).setParameter("codes", String.join("\u001f", codes))
                .getSingleResult();
    }

    public Indicator get(String code) {
        Indicator indicator = Indicator.findById(code);
        if (indicator == null) {
            throw ProblemException.notFound("indicator", code);
        }
        return indicator;
    }

    private IndicatorRules.Checked checked(IndicatorRequest request) {
        IndicatorRules.Checked checked = IndicatorRules.check(request);
        List<Violation> violations = new ArrayList<>(checked.violations());
        violations.addAll(IndicatorRules.checkDepartment(request.department(), config.departments()));
        PlanItemReplica item = PlanItemReplica.findById(request.planItemId());
        if (item == null || item.removed) {
            violations.add(0, new Violation("planItemId", "no plan item has id " + request.planItemId()));
        }
        fail(violations);
        return checked;
    }

    private Indicator create(IndicatorRequest request, IndicatorRules.Checked checked) {
        Indicator indicator = new Indicator();
        indicator.code = request.code();
        indicator.createdAt = Instant.now();
        indicator.updatedAt = indicator.createdAt;
        indicator.version = 0;
        apply(indicator, request, checked);
        for (Target target : checked.targets()) {
            setTarget(indicator, target);
        }
        indicator.persist();
        changed(indicator, IndicatorEvent.TYPE_DEFINED);
        return indicator;
    }

    private static void apply(Indicator indicator, IndicatorRequest request, IndicatorRules.Checked checked) {
        indicator.nameJa = request.nameJa();
        indicator.nameEn = request.nameEn();
        indicator.unit = request.unit();
        indicator.department = request.department();
        indicator.planItemId = request.planItemId();
        indicator.coreTarget = Boolean.TRUE.equals(request.coreTarget());
        indicator.referenceOnly = Boolean.TRUE.equals(request.referenceOnly());
        indicator.aggregation = request.aggregation();
        indicator.components = request.components() == null ? new ArrayList<>() : new ArrayList<>(request.components());
        indicator.breakdown = request.breakdown();
        indicator.allowsNegative = Boolean.TRUE.equals(request.allowsNegative());
        indicator.firstFiscalYear = checked.firstFiscalYear();
        indicator.frequency = request.frequency() == null ? org.kpisuite.fiscal.Frequency.MONTHLY : request.frequency();
        indicator.parts = request.parts() == null ? new ArrayList<>() : new ArrayList<>(request.parts());
        if (!indicator.parts.isEmpty()) {
            indicator.components = new ArrayList<>(indicator.parts.stream().map(IndicatorEvent.Part::component).toList());
        }
        indicator.rules = request.rules() == null ? new ArrayList<>() : new ArrayList<>(request.rules());
        indicator.goodDirection = request.goodDirection();
    }

    private static void setTarget(Indicator indicator, Target target) {
        IndicatorTarget row = indicator.targetFor(target.fiscalYear()).orElseGet(() -> {
            IndicatorTarget created = new IndicatorTarget();
            created.indicatorCode = indicator.code;
            created.fiscalYear = target.fiscalYear();
            indicator.targets.add(created);
            return created;
        });
        row.comparator = target.comparator();
        row.value = target.value();
        row.valueNumerator = target.valueNumerator();
        row.valueDenominator = target.valueDenominator();
        row.scope = target.scope();
        row.sinceFiscalYear = target.sinceFiscalYear();
        row.baselineFiscalYear = target.baselineFiscalYear();
        row.baselineValue = target.baselineValue();
        row.conditions = new ArrayList<>(target.conditions());
        row.formula = target.formula();
    }

    private void changed(Indicator indicator, String type) {
        indicator.version++;
        indicator.updatedAt = Instant.now();
        indicator.changedBy = caller.subject();
        events.record(indicator, type);
    }

    /** Equal apart from version and time, comparing numbers by value (300000 equals 300000.000000). */
    private static boolean sameDefinition(IndicatorEvent a, IndicatorEvent b) {
        return Objects.equals(normalised(a), normalised(b));
    }

    private static IndicatorEvent normalised(IndicatorEvent e) {
        List<Target> targets = e.targets().stream().map(t -> new Target(t.fiscalYear(), t.comparator(),
                strip(t.value()), strip(t.valueNumerator()), strip(t.valueDenominator()), t.scope(),
                t.sinceFiscalYear(), t.baselineFiscalYear(), strip(t.baselineValue()), t.conditions(),
                t.formula() == null ? null : new IndicatorEvent.BaselineFormula(strip(t.formula().factor()),
                        t.formula().fromFiscalYear(), t.formula().toFiscalYear(), strip(t.formula().average()))))
                .sorted(java.util.Comparator.comparingInt(Target::fiscalYear)).toList();
        return new IndicatorEvent(e.code(), e.nameJa(), e.nameEn(), e.unit(), e.department(), e.planItemId(),
                e.coreTarget(), e.referenceOnly(), e.aggregation(), e.components(), e.breakdown(), e.allowsNegative(),
                e.firstFiscalYear(), e.lastFiscalYear(), targets, e.retired(), 0, null, e.frequency(), e.parts(),
                e.rules().stream().map(r -> new IndicatorEvent.Rule(r.name(), r.kind(), r.action(), r.component(),
                        strip(r.min()), strip(r.max()), strip(r.multiple()), r.periods())).toList(), e.goodDirection());
    }

    private static java.math.BigDecimal strip(java.math.BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    private static void fail(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "validation", "Invalid indicator",
                    String.join("; ", violations.stream().map(v -> v.field() + ": " + v.reason()).toList()), violations);
        }
    }
}
