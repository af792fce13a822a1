package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.IndicatorView;
import org.kpisuite.reporting.domain.MonthlyValue;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    public record IndicatorProgress(IndicatorEvent indicator, IndicatorEvent.Target target, int fiscalYear,
            LocalDate asOf, Progress progress) {
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
        IndicatorView view = IndicatorView.findById(code);
        if (view == null) {
            return null;
        }
        IndicatorEvent indicator = read(view);
        return indicator.targetFor(fiscalYear) == null ? null
                : calculate(List.of(indicator), fiscalYear, asOf).get(0);
    }

    private List<IndicatorProgress> calculate(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf) {
        if (indicators.isEmpty()) {
            return List.of();
        }
        Map<String, List<MonthlyValue>> values = valuesInForce(indicators.stream().map(IndicatorEvent::code).toList(),
                fiscalYear, asOf);
        List<IndicatorProgress> result = new ArrayList<>(indicators.size());
        for (IndicatorEvent indicator : indicators) {
            IndicatorEvent.Target target = indicator.targetFor(fiscalYear);
            List<MonthlyValue> all = values.getOrDefault(indicator.code(), List.of());
            var input = new ProgressCalculator.Input(indicator.aggregation(), target.comparator(), target.value(),
                    indicator.referenceOnly(), fiscalYear, asOf,
                    all.stream().filter(v -> inYear(v, fiscalYear)).toList(),
                    all.stream().filter(v -> inYear(v, fiscalYear - 1)).toList());
            result.add(new IndicatorProgress(indicator, target, fiscalYear, asOf, ProgressCalculator.calculate(input)));
        }
        return result;
    }

    /**
     * The latest revision of each value recorded by the end of the asOf day, for months up to asOf, in the
     * fiscal year and the one before it (for year-on-year indicators).
     */
    @SuppressWarnings("unchecked")
    private Map<String, List<MonthlyValue>> valuesInForce(List<String> codes, int fiscalYear, LocalDate asOf) {
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(config.zone()).toInstant());
        List<Object[]> rows = entityManager.createNativeQuery("""
                select distinct on (indicator_code, component, breakdown, department, period)
                       indicator_code, component, period, value
                from measurement_revision
                where fiscal_year between :previousYear and :fiscalYear
                  and indicator_code in (:codes)
                  and period <= :lastMonth
                  and recorded_at < :endOfDay
                order by indicator_code, component, breakdown, department, period, revision desc
                """)
                .setParameter("previousYear", fiscalYear - 1)
                .setParameter("fiscalYear", fiscalYear)
                .setParameter("codes", codes)
                .setParameter("lastMonth", YearMonth.from(asOf).toString())
                .setParameter("endOfDay", endOfDay)
                .getResultList();
        Map<String, List<MonthlyValue>> byIndicator = new HashMap<>();
        for (Object[] row : rows) {
            var value = new MonthlyValue((String) row[0], (String) row[1], YearMonth.parse((String) row[2]),
                    (BigDecimal) row[3]);
            byIndicator.computeIfAbsent(value.indicatorCode(), k -> new ArrayList<>()).add(value);
        }
        return byIndicator;
    }

    private static boolean inYear(MonthlyValue value, int fiscalYear) {
        return org.kpisuite.fiscal.FiscalCalendar.fiscalYearOf(value.month()) == fiscalYear;
    }

    private IndicatorEvent read(IndicatorView view) {
        try {
            return mapper.readValue(view.state, IndicatorEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("read model of indicator " + view.code + " is unreadable", e);
        }
    }
}
