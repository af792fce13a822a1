package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.IndicatorView;
import org.kpisuite.reporting.domain.MonthlyValue;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the values in force as of a date and runs the {@link ProgressCalculator} per indicator. */
@ApplicationScoped
public class ProgressService {

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReportingConfig config;

    @Inject
    PlanPlacesCache planPlaces;

    /** An indicator's definition parsed once per version: GET /progress reads every indicator each time. */
    private record Parsed(long version, IndicatorEvent indicator) {
    }

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public record IndicatorProgress(IndicatorEvent indicator, IndicatorEvent.Target target, int fiscalYear,
            LocalDate asOf, Progress progress, PlanPlaces.Place place) {
    }

    public record Series(IndicatorEvent indicator, IndicatorEvent.Target target, List<ProgressCalculator.MonthPoint> months) {
    }

    public LocalDate today() {
        return LocalDate.now(config.zone());
    }

    /** Every indicator with a target in the fiscal year, core targets first, then by code. */
    public List<IndicatorProgress> progress(int fiscalYear, LocalDate asOf) {
        List<IndicatorEvent> indicators = IndicatorView.<IndicatorView>listAll().stream()
                .map(this::read)
                .filter(i -> i.targetFor(fiscalYear) != null)
                .sorted(Comparator.comparing((IndicatorEvent i) -> !i.coreTarget()).thenComparing(IndicatorEvent::code))
                .toList();
        return calculate(indicators, fiscalYear, asOf);
    }

    /** One indicator's progress; null when it has no target in that year. */
    public IndicatorProgress progress(String code, int fiscalYear, LocalDate asOf) {
        return withTarget(code, fiscalYear).map(i -> calculate(List.of(i), fiscalYear, asOf).get(0)).orElse(null);
    }

    /**
     * The progress of the given indicators in every fiscal year they have a target for: one query of values per
     * fiscal year, whatever the number of indicators. Indicators not (yet) known are left out.
     */
    public List<IndicatorProgress> progressInTargetYears(Collection<String> codes, LocalDate asOf) {
        if (codes.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<IndicatorEvent>> byYear = new TreeMap<>();
        for (IndicatorView view : IndicatorView.<IndicatorView>list("code in ?1", codes)) {
            IndicatorEvent indicator = read(view);
            for (IndicatorEvent.Target target : indicator.targets()) {
                byYear.computeIfAbsent(target.fiscalYear(), y -> new ArrayList<>()).add(indicator);
            }
        }
        List<IndicatorProgress> result = new ArrayList<>();
        byYear.forEach((year, indicators) -> result.addAll(calculate(indicators, year, asOf)));
        return result;
    }

    private List<IndicatorProgress> calculate(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf) {
        if (indicators.isEmpty()) {
            return List.of();
        }
        Map<String, List<MonthlyValue>> values = valuesNeeded(indicators, fiscalYear, asOf);
        PlanPlaces places = planPlaces.get();
        List<IndicatorProgress> result = new ArrayList<>(indicators.size());
        for (IndicatorEvent indicator : indicators) {
            var input = input(indicator, fiscalYear, asOf, values);
            result.add(new IndicatorProgress(indicator, input.target(), fiscalYear, asOf,
                    ProgressCalculator.calculate(input), places.of(indicator.planItemId())));
        }
        return result;
    }

    /** One indicator's months; null when it has no target in that year. */
    public Series series(String code, int fiscalYear, LocalDate asOf) {
        return withTarget(code, fiscalYear).map(indicator -> new Series(indicator, indicator.targetFor(fiscalYear),
                ProgressCalculator.series(input(indicator, fiscalYear, asOf,
                        valuesNeeded(List.of(indicator), fiscalYear, asOf))))).orElse(null);
    }

    private Optional<IndicatorEvent> withTarget(String code, int fiscalYear) {
        return Optional.ofNullable(IndicatorView.<IndicatorView>findById(code)).map(this::read)
                .filter(indicator -> indicator.targetFor(fiscalYear) != null);
    }

    /** The values the indicators' targets need, and the previous year's: year-on-year changes and the seasonal pace. */
    private Map<String, List<MonthlyValue>> valuesNeeded(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf) {
        int firstYear = indicators.stream().mapToInt(i -> i.targetFor(fiscalYear).firstYearNeeded()).min()
                .orElse(fiscalYear) - 1;
        return valuesInForce(indicators.stream().map(IndicatorEvent::code).toList(), firstYear, fiscalYear, asOf);
    }

    private static ProgressCalculator.Input input(IndicatorEvent indicator, int fiscalYear, LocalDate asOf,
            Map<String, List<MonthlyValue>> values) {
        return new ProgressCalculator.Input(indicator.aggregation(), indicator.targetFor(fiscalYear),
                indicator.referenceOnly(), fiscalYear, asOf, values.getOrDefault(indicator.code(), List.of()));
    }

    /**
     * The latest revision of each value recorded by the end of the asOf day, for months up to asOf, in the
     * fiscal years from firstYear to fiscalYear.
     */
    @SuppressWarnings("unchecked")
    private Map<String, List<MonthlyValue>> valuesInForce(List<String> codes, int firstYear, int fiscalYear,
            LocalDate asOf) {
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(config.zone()).toInstant());
        List<Object[]> rows = entityManager.createNativeQuery("""
                select distinct on (indicator_code, component, breakdown, department, period)
                       indicator_code, component, breakdown, period, value
                from measurement_revision
                where fiscal_year between :firstYear and :fiscalYear
                  and indicator_code in (:codes)
                  and period <= :lastMonth
                  and recorded_at < :endOfDay
                order by indicator_code, component, breakdown, department, period, revision desc
                """)
                .setParameter("firstYear", firstYear)
                .setParameter("fiscalYear", fiscalYear)
                .setParameter("codes", codes)
                .setParameter("lastMonth", YearMonth.from(asOf).toString())
                .setParameter("endOfDay", endOfDay)
                .getResultList();
        Map<String, List<MonthlyValue>> byIndicator = new HashMap<>();
        for (Object[] row : rows) {
            var value = new MonthlyValue((String) row[0], (String) row[1], (String) row[2],
                    YearMonth.parse((String) row[3]), (BigDecimal) row[4]);
            byIndicator.computeIfAbsent(value.indicatorCode(), k -> new ArrayList<>()).add(value);
        }
        return byIndicator;
    }

    private IndicatorEvent read(IndicatorView view) {
        Parsed known = parsed.get(view.code);
        if (known != null && known.version() == view.version) {
            return known.indicator();
        }
        IndicatorEvent indicator = InboundEvent.read(mapper, view.state, IndicatorEvent.class);
        parsed.put(view.code, new Parsed(view.version, indicator));
        return indicator;
    }
}
