package org.kpisuite.indicator.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.indicator.domain.IndicatorTarget;
import org.kpisuite.indicator.domain.PlanItemReplica;
import org.kpisuite.indicator.events.IndicatorEvents;
import org.kpisuite.indicator.rest.IndicatorRequest;
import org.kpisuite.indicator.rest.TargetRequest;
import org.kpisuite.problem.ProblemException;

@ApplicationScoped
public class IndicatorService {

    @Inject
    IndicatorEvents events;

    @Transactional
    public Indicator define(IndicatorRequest request) {
        if (Indicator.findById(request.code()) != null) {
            throw ProblemException.conflict("code", "an indicator with code " + request.code() + " exists");
        }
        PlanItemReplica item = PlanItemReplica.findById(request.planItemId());
        if (item == null || item.removed) {
            throw ProblemException.invalidField("planItemId", "no plan item has id " + request.planItemId());
        }
        boolean referenceOnly = Boolean.TRUE.equals(request.referenceOnly());
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < request.targets().size(); i++) {
            TargetRequest target = request.targets().get(i);
            if (!years.add(target.fiscalYear())) {
                throw ProblemException.invalidField("targets[" + i + "].fiscalYear",
                        "fiscal year " + target.fiscalYear() + " has more than one target");
            }
            checkTargetValue("targets[" + i + "].value", target.value(), referenceOnly);
        }

        Indicator indicator = new Indicator();
        indicator.code = request.code();
        indicator.nameJa = request.nameJa();
        indicator.nameEn = request.nameEn();
        indicator.unit = request.unit();
        indicator.department = request.department();
        indicator.planItemId = request.planItemId();
        indicator.coreTarget = Boolean.TRUE.equals(request.coreTarget());
        indicator.referenceOnly = referenceOnly;
        indicator.aggregation = request.aggregation();
        indicator.version = 1;
        indicator.createdAt = Instant.now();
        indicator.updatedAt = indicator.createdAt;
        for (TargetRequest target : request.targets()) {
            indicator.targets.add(toTarget(indicator.code, target.fiscalYear(), target.comparator(), target.value()));
        }
        indicator.persist();
        events.defined(indicator);
        return indicator;
    }

    /** Sets one fiscal year's target; the targets of other years stay as they are. */
    @Transactional
    public Indicator setTarget(String code, int fiscalYear, Comparator comparator, BigDecimal value) {
        Indicator indicator = get(code);
        checkTargetValue("value", value, indicator.referenceOnly);
        indicator.targetFor(fiscalYear).ifPresentOrElse(t -> {
            t.comparator = comparator;
            t.value = value;
        }, () -> indicator.targets.add(toTarget(code, fiscalYear, comparator, value)));
        indicator.version++;
        indicator.updatedAt = Instant.now();
        events.changed(indicator);
        return indicator;
    }

    public Indicator get(String code) {
        Indicator indicator = Indicator.findById(code);
        if (indicator == null) {
            throw ProblemException.notFound("indicator", code);
        }
        return indicator;
    }

    private static void checkTargetValue(String field, BigDecimal value, boolean referenceOnly) {
        if (value == null && !referenceOnly) {
            throw ProblemException.invalidField(field, "a rated indicator needs a target value");
        }
    }

    private static IndicatorTarget toTarget(String code, int fiscalYear, Comparator comparator, BigDecimal value) {
        IndicatorTarget target = new IndicatorTarget();
        target.indicatorCode = code;
        target.fiscalYear = fiscalYear;
        target.comparator = comparator;
        target.value = value;
        return target;
    }
}
