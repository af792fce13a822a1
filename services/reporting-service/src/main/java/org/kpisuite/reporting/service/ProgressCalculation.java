package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.fiscal.Period;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.MonthlyValue;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

/**
 * Feeds the {@link ProgressCalculator} (the one definition of the semantics) from either side of the read model:
 * the monthly totals kept on write (the values in force now), or the history (the values as known at the end of
 * a past day). Both give the calculator the same values, summed over departments per month, component and
 * breakdown value, which is all it reads; one query of values per call, whatever the number of indicators.
 */
@ApplicationScoped
public class ProgressCalculation {

    @Inject
    EntityManager entityManager;

    @Inject
    ReportingConfig config;

    @Inject
    PlanPlacesCache planPlaces;

    /** How many indicators' values a kept recalculation reads at once. */
    static final int KEPT_CHUNK = 1_000;

    /**
     * The progress of each indicator (which must have a target in the year), in the given order, from the history
     * as recorded by the end of the asOf day (today's is kept: {@link #calculateKept}).
     */
    public List<IndicatorProgress> calculate(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf) {
        return calculateFrom(indicators, fiscalYear, asOf, endOf(asOf));
    }

    /**
     * As of a date, from the history as recorded before an instant that may be later than the date (a review taken
     * after the period it looks at sees the values reported after its end).
     */
    public List<IndicatorProgress> calculate(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf,
            Instant recordedBefore) {
        return calculateFrom(indicators, fiscalYear, asOf, recordedBefore);
    }

    /**
     * The official figures: as {@link #calculate(List, int, LocalDate, Instant)}, from approved values alone (of each
     * value, the latest revision whose latest review step by then approved it).
     */
    public List<IndicatorProgress> calculateOfficial(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf,
            Instant recordedBefore) {
        return calculateFrom(indicators, fiscalYear, asOf, recordedBefore, true);
    }

    private List<IndicatorProgress> calculateFrom(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf,
            Instant recordedBefore) {
        return calculateFrom(indicators, fiscalYear, asOf, recordedBefore, false);
    }

    /** From the history recorded before the instant. */
    private List<IndicatorProgress> calculateFrom(List<IndicatorEvent> indicators, int fiscalYear, LocalDate asOf,
            Instant recordedBefore, boolean approvedOnly) {
        if (indicators.isEmpty()) {
            return List.of();
        }
        if (indicators.size() > KEPT_CHUNK) {
            // As for the kept progress: the values of a bounded number of indicators at once, in the given order.
            List<IndicatorProgress> result = new ArrayList<>(indicators.size());
            for (int from = 0; from < indicators.size(); from += KEPT_CHUNK) {
                result.addAll(calculateFrom(indicators.subList(from, Math.min(indicators.size(), from + KEPT_CHUNK)),
                        fiscalYear, asOf, recordedBefore, approvedOnly));
            }
            return result;
        }
        Map<String, List<MonthlyValue>> values = valuesNeeded(indicators.stream().map(IndicatorEvent::code).toList(),
                firstYearRead(indicators, fiscalYear), fiscalYear, asOf, recordedBefore, approvedOnly);
        PlanPlaces places = planPlaces.get();
        List<IndicatorProgress> result = new ArrayList<>(indicators.size());
        for (IndicatorEvent indicator : indicators) {
            var input = input(indicator, fiscalYear, asOf, values);
            result.add(new IndicatorProgress(indicator, input.target(), fiscalYear, asOf,
                    ProgressCalculator.calculate(input), places.of(indicator.planItemId())));
        }
        return result;
    }

    /**
     * The progress kept for today of several target years at once, handed to {@code each} a chunk of at most
     * {@link #KEPT_CHUNK} indicators at a time, each chunk from one query of the monthly totals: each indicator is
     * given the values of the years its target reads. Without plan places: the kept rows hold only the progress,
     * and a read attaches the places of its own plan generation. Returns how many indicator-years it calculated.
     */
    public int calculateKept(Map<Integer, List<IndicatorEvent>> byYear, LocalDate today,
            Consumer<List<IndicatorProgress>> each) {
        Set<String> all = new TreeSet<>();
        byYear.values().forEach(indicators -> indicators.forEach(i -> all.add(i.code())));
        if (all.size() <= KEPT_CHUNK) {
            List<IndicatorProgress> results = calculateKeptChunk(byYear, today);
            each.accept(results);
            return results.size();
        }
        // A chunk's values and progress are let go before the next: every year of 10,000 indicators at once would
        // hold hundreds of thousands of rows, and their JSON, in a heap sized for a few hundred megabytes of process.
        int calculated = 0;
        for (Map<Integer, List<IndicatorEvent>> part : chunks(byYear, all, KEPT_CHUNK)) {
            List<IndicatorProgress> results = calculateKeptChunk(part, today);
            each.accept(results);
            calculated += results.size();
        }
        return calculated;
    }

    /**
     * The years' indicators in chunks of at most {@code size} indicators (codes in order), each indicator with all its
     * years in one chunk, each year's indicators in their given order. Each indicator's chunk is found once:
     * filtering every year's list for every chunk showed in a rebuild's profile.
     */
    static List<Map<Integer, List<IndicatorEvent>>> chunks(Map<Integer, List<IndicatorEvent>> byYear,
            Set<String> codes, int size) {
        Map<String, Integer> chunkOf = new HashMap<>();
        for (String code : codes) {
            chunkOf.put(code, chunkOf.size() / size);
        }
        List<Map<Integer, List<IndicatorEvent>>> chunks = new ArrayList<>();
        for (int chunk = 0; chunk <= (codes.size() - 1) / size; chunk++) {
            chunks.add(new TreeMap<>());
        }
        byYear.forEach((year, indicators) -> indicators.forEach(i -> chunks.get(chunkOf.get(i.code()))
                .computeIfAbsent(year, y -> new ArrayList<>()).add(i)));
        return chunks;
    }

    private List<IndicatorProgress> calculateKeptChunk(Map<Integer, List<IndicatorEvent>> byYear, LocalDate today) {
        // Each indicator's own span of years: a pass of new values spans several target years, and one span for
        // all would read every indicator's values of all of them.
        Map<String, int[]> years = new TreeMap<>();
        byYear.forEach((fiscalYear, indicators) -> indicators.forEach(i -> {
            int[] span = years.computeIfAbsent(i.code(), c -> new int[] { Integer.MAX_VALUE, Integer.MIN_VALUE });
            span[0] = Math.min(span[0], firstYearRead(i, fiscalYear));
            span[1] = Math.max(span[1], fiscalYear);
        }));
        if (years.isEmpty()) {
            return List.of();
        }
        Map<String, List<MonthlyValue>> values = keptValues(years, today);
        List<IndicatorProgress> result = new ArrayList<>();
        byYear.forEach((fiscalYear, indicators) -> {
            for (IndicatorEvent indicator : indicators) {
                int from = firstYearRead(indicator, fiscalYear);
                List<MonthlyValue> read = values.getOrDefault(indicator.code(), List.of()).stream()
                        .filter(v -> {
                            int year = FiscalCalendar.fiscalYearOf(v.month());
                            return year >= from && year <= fiscalYear;
                        }).toList();
                var input = input(indicator, fiscalYear, today, Map.of(indicator.code(), read));
                result.add(new IndicatorProgress(indicator, input.target(), fiscalYear, today,
                        ProgressCalculator.calculate(input), PlanPlaces.Place.UNKNOWN));
            }
        });
        return result;
    }

    /** One indicator's twelve months, from the history as of the date. */
    public List<ProgressCalculator.MonthPoint> series(IndicatorEvent indicator, int fiscalYear, LocalDate asOf) {
        return ProgressCalculator.series(input(indicator, fiscalYear, asOf,
                valuesNeeded(List.of(indicator.code()), firstYearRead(indicator, fiscalYear), fiscalYear, asOf,
                        endOf(asOf))));
    }

    private static ProgressCalculator.Input input(IndicatorEvent indicator, int fiscalYear, LocalDate asOf,
            Map<String, List<MonthlyValue>> values) {
        return new ProgressCalculator.Input(indicator.aggregation(), indicator.targetFor(fiscalYear),
                indicator.referenceOnly(), fiscalYear, asOf, values.getOrDefault(indicator.code(), List.of()),
                indicator.frequency(), indicator.parts());
    }

    /**
     * The values of the codes in the fiscal years, of the periods begun by the asOf month: today's from the kept
     * monthly totals, a past day's from the history as recorded by its end.
     */
    public Map<String, List<MonthlyValue>> values(List<String> codes, int firstYear, int lastYear, LocalDate asOf,
            boolean today) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        if (!today) {
            return valuesNeeded(codes, firstYear, lastYear, asOf, endOf(asOf));
        }
        Map<String, int[]> years = new TreeMap<>();
        codes.forEach(code -> years.put(code, new int[] { firstYear, lastYear }));
        return keptValues(years, asOf);
    }

    /** The first instant after the asOf day (Japan time): the history recorded before it is what was known then. */
    Instant endOf(LocalDate asOf) {
        return asOf.plusDays(1).atStartOfDay(config.zone()).toInstant();
    }

    /**
     * The values of the fiscal years the targets need, of the periods begun by the asOf month (a quarter's value
     * counts once it is recorded, as a month's does), in one query of the history as recorded before the instant
     * (today's values are the kept monthly totals: {@link #keptValues}).
     */
    private Map<String, List<MonthlyValue>> valuesNeeded(List<String> codes, int firstYear, int fiscalYear,
            LocalDate asOf, Instant recordedBefore) {
        return valuesNeeded(codes, firstYear, fiscalYear, asOf, recordedBefore, false);
    }

    private Map<String, List<MonthlyValue>> valuesNeeded(List<String> codes, int firstYear, int fiscalYear,
            LocalDate asOf, Instant recordedBefore, boolean approvedOnly) {
        YearMonth lastMonth = YearMonth.from(asOf);
        // A period's text does not sort by time across frequencies (2024-Q1 > 2024-12): periods are compared here.
        String sql = """
                select distinct on (indicator_code, component, breakdown, department, period)
                       indicator_code, component, breakdown, period, value
                from measurement_revision
                where indicator_code = any(?) and fiscal_year between ? and ? and recorded_at < ?
                """ + (approvedOnly ? """
                  and approval_before(indicator_code, component, breakdown, department, period, revision, ?)
                      = 'APPROVED'
                """ : "") + """
                order by indicator_code, component, breakdown, department, period, revision desc
                """;
        return Jdbc.work(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setArray(1, Jdbc.strings(connection, codes));
                select.setInt(2, firstYear);
                select.setInt(3, fiscalYear);
                select.setTimestamp(4, Timestamp.from(recordedBefore));
                if (approvedOnly) {
                    select.setTimestamp(5, Timestamp.from(recordedBefore));
                }
                return read(select, lastMonth);
            }
        });
    }

    /** The kept monthly totals of each indicator's span of fiscal years ({first, last}), in one query. */
    private Map<String, List<MonthlyValue>> keptValues(Map<String, int[]> years, LocalDate asOf) {
        return Jdbc.work(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select m.indicator_code, m.component, m.breakdown, m.period, m.value
                    from unnest(?::varchar[], ?::int4[], ?::int4[]) as s(code, first_year, last_year)
                    join monthly_total m on m.indicator_code = s.code
                        and m.fiscal_year between s.first_year and s.last_year
                    """)) {
                select.setArray(1, Jdbc.strings(connection, years.keySet()));
                select.setArray(2, Jdbc.column(connection, "int4", years.values(), span -> span[0]));
                select.setArray(3, Jdbc.column(connection, "int4", years.values(), span -> span[1]));
                return read(select, YearMonth.from(asOf));
            }
        });
    }

    /** The rows (code, component, breakdown, period, value) of the periods begun by the month, by indicator. */
    private static Map<String, List<MonthlyValue>> read(PreparedStatement select, YearMonth lastMonth)
            throws SQLException {
        // A few dozen periods recur in every indicator's rows: each is parsed, and its months worked out, once.
        record Counted(Period period, YearMonth month) {
        }
        Map<String, List<MonthlyValue>> byIndicator = new HashMap<>();
        Map<String, Counted> periods = new HashMap<>();
        Counted skipped = new Counted(null, null); // unreadable, or begun after the asOf month
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Counted counted = periods.computeIfAbsent(rs.getString(4), text -> Period.parse(text.trim())
                        .filter(p -> !p.firstMonth().isAfter(lastMonth))
                        .map(p -> new Counted(p, p.lastMonth())).orElse(skipped));
                if (counted == skipped) {
                    continue;
                }
                var value = new MonthlyValue(rs.getString(1), rs.getString(2), rs.getString(3),
                        counted.period(), rs.getBigDecimal(5), counted.month());
                byIndicator.computeIfAbsent(value.indicatorCode(), k -> new ArrayList<>()).add(value);
            }
        }
        return byIndicator;
    }

    /**
     * The first fiscal year whose values the indicators' targets of the year read: one year before the scope, for
     * year-on-year changes and the seasonal pace.
     */
    static int firstYearRead(List<IndicatorEvent> indicators, int fiscalYear) {
        return indicators.stream().mapToInt(i -> firstYearRead(i, fiscalYear)).min().orElse(fiscalYear - 1);
    }

    static int firstYearRead(IndicatorEvent indicator, int fiscalYear) {
        return indicator.targetFor(fiscalYear).firstYearNeeded() - 1;
    }

    /** Whether values of {@code valueYear} can change the indicator's progress in {@code targetYear}. */
    static boolean reads(IndicatorEvent.Target target, int valueYear) {
        return valueYear >= target.firstYearNeeded() - 1 && valueYear <= target.fiscalYear();
    }
}
