package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Progress as of today, kept ready per fiscal year: the consumers recalculate, before their transaction commits,
 * only the (indicator, target year) pairs that the transaction's values or definitions can move, and write them
 * to kept_progress with the year's next version. A read compares the year's version with its own copy and loads
 * only the newer rows, so every replica serves what the database holds and a read costs one small query.
 * The first write of a new day (or the first read, or the scheduled check) recalculates a year whole.
 */
@ApplicationScoped
public class KeptProgress {

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReportingConfig config;

    @Inject
    ProgressCalculation calculation;

    @Inject
    IndicatorDefinitions definitions;

    @Inject
    StatusTracker statuses;

    @Inject
    PlanPlacesCache planPlaces;

    @Inject
    ReadModelState state;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    /** One fiscal year's progress as of {@code asOf}, in list order; {@code versions} per indicator code. */
    public record Snapshot(int fiscalYear, LocalDate asOf, long version, long planGeneration,
            List<IndicatorProgress> progress, Map<String, IndicatorProgress> byCode, Map<String, Long> versions) {

        static Snapshot empty(int fiscalYear, LocalDate asOf, long planGeneration) {
            return new Snapshot(fiscalYear, asOf, 0, planGeneration, List.of(), Map.of(), Map.of());
        }
    }

    private final Map<Integer, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** What the current transaction changed, recalculated once before it commits. */
    private static final class Noted {
        final Set<String> redefined = new TreeSet<>();
        final Map<String, Set<Integer>> valueYears = new TreeMap<>();
    }

    public LocalDate today() {
        return LocalDate.now(config.zone());
    }

    // ---- on write

    /** In the current transaction: these indicators' values in force changed in these fiscal years. */
    public void valuesChanged(Map<String, Set<Integer>> touched) {
        touched.forEach((code, years) -> noted().valueYears.computeIfAbsent(code, c -> new TreeSet<>()).addAll(years));
    }

    /** In the current transaction: the indicator's definition changed. */
    public void indicatorChanged(String code) {
        noted().redefined.add(code);
    }

    /** Recalculates what the current transaction noted, unless a rebuild is replaying (it recalculates at its end). */
    public void refreshNoted() {
        Noted noted = (Noted) transactions.getResource(Noted.class);
        if (noted == null || (noted.redefined.isEmpty() && noted.valueYears.isEmpty())) {
            return;
        }
        transactions.putResource(Noted.class, null);
        if (state.rebuildingForShare()) {
            return;
        }
        registry.timer("kpi.progress.refresh").record(() -> refresh(noted.redefined, noted.valueYears, today()));
    }

    private Noted noted() {
        Noted noted = (Noted) transactions.getResource(Noted.class);
        if (noted == null) {
            noted = new Noted();
            transactions.putResource(Noted.class, noted);
        }
        return noted;
    }

    /** Recalculates every target year of every indicator as of the date (after a rebuild). */
    public void refreshAll(LocalDate today) {
        Set<Integer> years = new TreeSet<>();
        definitions.all().forEach(i -> i.targets().forEach(t -> years.add(t.fiscalYear())));
        years.addAll(keptYears());
        refreshYears(years, Map.of(), Map.of(), today, true);
    }

    /** Recalculates, whole, the kept years whose date is not today (the scheduled check for a new day). */
    public void refreshStale(LocalDate today) {
        @SuppressWarnings("unchecked")
        List<Number> stale = entityManager.createNativeQuery("select fiscal_year from kept_year where as_of <> :today")
                .setParameter("today", today).getResultList();
        if (!stale.isEmpty() && !state.rebuildingForShare()) {
            refreshYears(stale.stream().map(Number::intValue).collect(TreeSet::new, Set::add, Set::addAll), Map.of(),
                    Map.of(), today, false);
        }
    }

    void refresh(Set<String> redefined, Map<String, Set<Integer>> valueYears, LocalDate today) {
        Set<String> codes = new TreeSet<>(redefined);
        codes.addAll(valueYears.keySet());
        // A definition and its values may arrive in two transactions at once: whichever recalculates second waits
        // here for the first to commit, and then reads both.
        Jdbc.work(entityManager, connection -> {
            MeasurementProjection.lockIndicators(connection, codes);
            return null;
        });
        Map<Integer, List<IndicatorEvent>> pairs = new TreeMap<>();
        for (IndicatorEvent indicator : definitions.of(codes)) {
            Set<Integer> years = valueYears.getOrDefault(indicator.code(), Set.of());
            for (IndicatorEvent.Target target : indicator.targets() == null ? List.<IndicatorEvent.Target>of()
                    : indicator.targets()) {
                if (redefined.contains(indicator.code())
                        || years.stream().anyMatch(y -> ProgressCalculation.reads(target, y))) {
                    pairs.computeIfAbsent(target.fiscalYear(), y -> new ArrayList<>()).add(indicator);
                }
            }
        }
        // A redefined indicator may have lost a target year: its kept row there is emptied.
        Map<Integer, Set<String>> dropped = new TreeMap<>();
        if (!redefined.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select fiscal_year, indicator_code from kept_progress where indicator_code in (:codes) and progress is not null")
                    .setParameter("codes", redefined).getResultList();
            for (Object[] row : rows) {
                int year = ((Number) row[0]).intValue();
                String code = (String) row[1];
                if (pairs.getOrDefault(year, List.of()).stream().noneMatch(i -> i.code().equals(code))) {
                    dropped.computeIfAbsent(year, y -> new TreeSet<>()).add(code);
                }
            }
        }
        Set<Integer> years = new TreeSet<>(pairs.keySet());
        years.addAll(dropped.keySet());
        refreshYears(years, pairs, dropped, today, false);
    }

    /**
     * Locks the years' rows in order (replicas and the rebuild refresh concurrently), then recalculates in each
     * year the given pairs, or every indicator where the year is new, kept for another day, or {@code whole}.
     */
    private void refreshYears(Set<Integer> years, Map<Integer, List<IndicatorEvent>> pairs,
            Map<Integer, Set<String>> dropped, LocalDate today, boolean whole) {
        if (years.isEmpty()) {
            return;
        }
        Map<Integer, Object[]> locked = lockYears(years, today);
        int recalculated = 0;
        for (int year : years) {
            Object[] row = locked.get(year);
            long version = ((Number) row[1]).longValue() + 1;
            boolean wholeYear = whole || !today.equals(row[0]) || ((Number) row[1]).longValue() == 0;
            List<IndicatorEvent> indicators = wholeYear ? definitions.withTargetIn(year)
                    : pairs.getOrDefault(year, List.of()).stream().sorted(IndicatorDefinitions.LIST_ORDER).toList();
            List<IndicatorProgress> results = calculation.calculate(indicators, year, today,
                    ProgressCalculation.Source.KEPT);
            write(year, version, results);
            if (wholeYear) {
                emptyAllBut(year, version, indicators.stream().map(IndicatorEvent::code).toList());
            } else if (dropped.containsKey(year)) {
                empty(year, version, dropped.get(year));
            }
            statuses.record(results);
            entityManager.createNativeQuery("update kept_year set as_of = :today, version = :version where fiscal_year = :year")
                    .setParameter("today", today).setParameter("version", version).setParameter("year", year)
                    .executeUpdate();
            recalculated += results.size();
        }
        registry.counter("kpi.progress.recalculated").increment(recalculated);
    }

    private Map<Integer, Object[]> lockYears(Set<Integer> years, LocalDate today) {
        return Jdbc.work(entityManager, connection -> {
            List<Integer> sorted = new ArrayList<>(years);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into kept_year (fiscal_year, as_of, version)
                    select y, ?, 0 from unnest(?::int4[]) as y order by y on conflict do nothing""")) {
                insert.setObject(1, today);
                insert.setArray(2, connection.createArrayOf("int4", sorted.toArray()));
                insert.executeUpdate();
            }
            Map<Integer, Object[]> rows = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select fiscal_year, as_of, version from kept_year where fiscal_year = any(?)
                    order by fiscal_year for update""")) {
                select.setArray(1, connection.createArrayOf("int4", sorted.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getInt(1), new Object[] { rs.getObject(2, LocalDate.class), rs.getLong(3) });
                    }
                }
            }
            return rows;
        });
    }

    private void write(int year, long version, List<IndicatorProgress> results) {
        if (results.isEmpty()) {
            return;
        }
        List<String> json = new ArrayList<>(results.size());
        for (IndicatorProgress p : results) {
            json.add(json(p.progress()));
        }
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into kept_progress (fiscal_year, indicator_code, indicator_version, version, progress)
                    select ?, code, iv, ?, p::jsonb from unnest(?::varchar[], ?::int8[], ?::text[]) as t(code, iv, p)
                    on conflict (fiscal_year, indicator_code) do update set indicator_version = excluded.indicator_version,
                        version = excluded.version, progress = excluded.progress""")) {
                upsert.setInt(1, year);
                upsert.setLong(2, version);
                upsert.setArray(3, Jdbc.column(connection, "varchar", results, p -> p.indicator().code()));
                upsert.setArray(4, Jdbc.column(connection, "int8", results, p -> p.indicator().version()));
                upsert.setArray(5, connection.createArrayOf("text", json.toArray()));
                return upsert.executeUpdate();
            }
        });
    }

    private void empty(int year, long version, Collection<String> codes) {
        entityManager.createNativeQuery("""
                update kept_progress set progress = null, version = :version
                where fiscal_year = :year and indicator_code in (:codes) and progress is not null""")
                .setParameter("version", version).setParameter("year", year).setParameter("codes", codes).executeUpdate();
    }

    private void emptyAllBut(int year, long version, List<String> kept) {
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update kept_progress set progress = null, version = ?
                    where fiscal_year = ? and progress is not null and not (indicator_code = any(?))""")) {
                update.setLong(1, version);
                update.setInt(2, year);
                update.setArray(3, Jdbc.strings(connection, kept));
                return update.executeUpdate();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<Integer> keptYears() {
        return ((List<Number>) entityManager.createNativeQuery("select fiscal_year from kept_year").getResultList())
                .stream().map(Number::intValue).toList();
    }

    // ---- on read

    /**
     * The fiscal year's progress as of today. A year not kept yet, or kept for another day, is recalculated first
     * (once: the year's row lock makes other replicas wait and then find it done); while a rebuild replays, what
     * was kept before it is served.
     */
    public Snapshot snapshot(int fiscalYear) {
        LocalDate today = today();
        ReadModelState.Head head = state.head(fiscalYear);
        if (!head.kept() || (!today.equals(head.keptAsOf()) && !head.rebuilding())) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (!state.rebuildingForShare()) {
                    ReadModelState.Head locked = state.head(fiscalYear);
                    if (!locked.kept() || !today.equals(locked.keptAsOf())) {
                        refreshYears(Set.of(fiscalYear), Map.of(), Map.of(), today, true);
                    }
                }
            });
            head = state.head(fiscalYear);
            if (!head.kept()) {
                return Snapshot.empty(fiscalYear, today, head.planGeneration());
            }
        }
        Snapshot cached = snapshots.get(fiscalYear);
        if (cached != null && cached.version() == head.keptVersion() && cached.planGeneration() == head.planGeneration()
                && cached.asOf().equals(head.keptAsOf())) {
            return cached;
        }
        Snapshot loaded = load(fiscalYear, head, cached);
        snapshots.merge(fiscalYear, loaded, (a, b) -> a.version() > b.version() ? a : b);
        return loaded;
    }

    /** The rows newer than the cached copy (all of them without one), merged into it. */
    private Snapshot load(int fiscalYear, ReadModelState.Head head, Snapshot cached) {
        boolean incremental = cached != null && cached.asOf().equals(head.keptAsOf());
        long since = incremental ? cached.version() : -1;
        record Row(String code, long indicatorVersion, long version, String progress) {
        }
        List<Row> rows = Jdbc.work(entityManager, connection -> {
            List<Row> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select indicator_code, indicator_version, version, progress::text from kept_progress
                    where fiscal_year = ? and version > ? and version <= ?""")) {
                select.setInt(1, fiscalYear);
                select.setLong(2, since);
                select.setLong(3, head.keptVersion());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            }
            return list;
        });
        PlanPlaces places = planPlaces.get(head.planGeneration());
        Map<String, IndicatorProgress> byCode = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        if (incremental) {
            byCode.putAll(cached.byCode());
            versions.putAll(cached.versions());
        }
        for (Row row : rows) {
            if (row.progress() == null) {
                byCode.remove(row.code());
                versions.remove(row.code());
                continue;
            }
            IndicatorEvent indicator = definitions.atVersion(row.code(), row.indicatorVersion());
            if (indicator == null || indicator.targetFor(fiscalYear) == null) {
                continue; // redefined since: the row that follows from it is on its way
            }
            byCode.put(row.code(), new IndicatorProgress(indicator, indicator.targetFor(fiscalYear), fiscalYear,
                    head.keptAsOf(), read(row.progress()), places.of(indicator.planItemId())));
            versions.put(row.code(), row.version());
        }
        if (incremental && cached.planGeneration() != head.planGeneration()) {
            byCode.replaceAll((code, p) -> new IndicatorProgress(p.indicator(), p.target(), p.fiscalYear(), p.asOf(),
                    p.progress(), places.of(p.indicator().planItemId())));
        }
        List<IndicatorProgress> ordered = new ArrayList<>(byCode.values());
        ordered.sort((a, b) -> IndicatorDefinitions.LIST_ORDER.compare(a.indicator(), b.indicator()));
        Map<String, IndicatorProgress> byCodeOrdered = new LinkedHashMap<>();
        ordered.forEach(p -> byCodeOrdered.put(p.indicator().code(), p));
        return new Snapshot(fiscalYear, head.keptAsOf(), head.keptVersion(), head.planGeneration(),
                Collections.unmodifiableList(ordered), Collections.unmodifiableMap(byCodeOrdered),
                Collections.unmodifiableMap(versions));
    }

    private String json(Progress progress) {
        try {
            return mapper.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("progress is not serialisable", e);
        }
    }

    private Progress read(String json) {
        try {
            return mapper.readValue(json, Progress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept progress is unreadable", e);
        }
    }
}
