package org.kpisuite.reporting.service;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.IndicatorEvent;

/**
 * Progress for the reads: today's from what {@link KeptProgress} keeps, a past date's calculated from the history
 * (and cached for that date until the year's kept version moves, which any change that could alter it does).
 */
@ApplicationScoped
public class ProgressService {

    private static final int PAST_DATES_CACHED = 64;

    @Inject
    KeptProgress kept;

    @Inject
    ProgressCalculation calculation;

    @Inject
    IndicatorDefinitions definitions;

    @Inject
    ReadModelState state;

    public record IndicatorProgress(IndicatorEvent indicator, IndicatorEvent.Target target, int fiscalYear,
            LocalDate asOf, Progress progress, PlanPlaces.Place place) {
    }

    public record Series(IndicatorEvent indicator, IndicatorEvent.Target target, List<ProgressCalculator.MonthPoint> months) {
    }

    private record PastKey(int fiscalYear, LocalDate asOf) {
    }

    private record Past(long keptVersion, long planGeneration, List<IndicatorProgress> progress) {
    }

    private final Map<PastKey, Past> past = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PastKey, Past> eldest) {
            return size() > PAST_DATES_CACHED;
        }
    };

    public LocalDate today() {
        return kept.today();
    }

    /** Every indicator with a target in the fiscal year, core targets first, then by code. */
    public List<IndicatorProgress> progress(int fiscalYear, LocalDate asOf) {
        if (asOf.equals(today())) {
            return kept.snapshot(fiscalYear).progress();
        }
        ReadModelState.Head head = state.head(fiscalYear);
        PastKey key = new PastKey(fiscalYear, asOf);
        Past cached;
        synchronized (past) {
            cached = past.get(key);
        }
        if (cached != null && head.kept() && !head.rebuilding() && cached.keptVersion() == head.keptVersion()
                && cached.planGeneration() == head.planGeneration()) {
            return cached.progress();
        }
        List<IndicatorProgress> calculated = calculation.calculate(definitions.withTargetIn(fiscalYear), fiscalYear,
                asOf);
        if (head.kept() && !head.rebuilding()) {
            synchronized (past) {
                past.put(key, new Past(head.keptVersion(), head.planGeneration(), calculated));
            }
        }
        return calculated;
    }

    /** One indicator's progress; null when it has no target in that year. */
    public IndicatorProgress progress(String code, int fiscalYear, LocalDate asOf) {
        if (asOf.equals(today())) {
            return kept.snapshot(fiscalYear).byCode().get(code);
        }
        return definitions.find(code).filter(i -> i.targetFor(fiscalYear) != null)
                .map(i -> calculation.calculate(List.of(i), fiscalYear, asOf).get(0))
                .orElse(null);
    }

    /**
     * The official figures of the date, from approved values alone, as recorded by its end (today's: so far):
     * calculated on each read, as they serve the evaluation, not the dashboards.
     */
    public List<IndicatorProgress> officialProgress(int fiscalYear, LocalDate asOf) {
        return calculation.calculateOfficial(definitions.withTargetIn(fiscalYear), fiscalYear, asOf,
                calculation.endOf(asOf));
    }

    /** One indicator's official progress; null when it has no target in that year. */
    public IndicatorProgress officialProgress(String code, int fiscalYear, LocalDate asOf) {
        return definitions.find(code).filter(i -> i.targetFor(fiscalYear) != null)
                .map(i -> calculation.calculateOfficial(List.of(i), fiscalYear, asOf, calculation.endOf(asOf)).get(0))
                .orElse(null);
    }

    /** One indicator's months; null when it has no target in that year. */
    public Series series(String code, int fiscalYear, LocalDate asOf) {
        return definitions.find(code).filter(i -> i.targetFor(fiscalYear) != null)
                .map(i -> new Series(i, i.targetFor(fiscalYear), calculation.series(i, fiscalYear, asOf)))
                .orElse(null);
    }
}
