package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
 * Progress as of today, kept ready per fiscal year: only the (indicator, target year) pairs that new values or
 * definitions can move are recalculated (values just after their poll has committed, by the
 * {@link ProgressRefresher}; a definition in its own transaction), and written to kept_progress with the year's
 * next version. A read compares the year's version with its own copy and loads
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

    @Inject
    ProgressRefresher refresher;

    /** One fiscal year's progress as of {@code asOf}, in list order; {@code versions} per indicator code. */
    public record Snapshot(int fiscalYear, LocalDate asOf, long version, long planGeneration,
            List<IndicatorProgress> progress, Map<String, IndicatorProgress> byCode, Map<String, Long> versions) {

        static Snapshot empty(int fiscalYear, LocalDate asOf, long planGeneration) {
            return new Snapshot(fiscalYear, asOf, 0, planGeneration, List.of(), Map.of(), Map.of());
        }
    }

    private final YearCache<Snapshot> snapshots = new YearCache<>(YearCache.ENTRY_BUDGET, s -> s.progress().size());

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

    /**
     * Before the transaction commits, unless a rebuild is replaying (it recalculates at its end): the values noted
     * are marked pending, for the {@link ProgressRefresher} to recalculate once this has committed (many polls'
     * marks in one go when values arrive faster than it recalculates); a redefined indicator is recalculated now.
     */
    public void refreshNoted() {
        Noted noted = (Noted) transactions.getResource(Noted.class);
        if (noted == null || (noted.redefined.isEmpty() && noted.valueYears.isEmpty())) {
            return;
        }
        transactions.putResource(Noted.class, null);
        if (state.rebuildingForShare()) {
            return;
        }
        if (!noted.valueYears.isEmpty()) {
            markPending(noted.valueYears);
            refresher.wakeAfterCommit();
        }
        if (!noted.redefined.isEmpty()) {
            registry.timer("kpi.progress.refresh").record(() -> refresh(noted.redefined, Map.of(), today()));
        }
    }

    private void markPending(Map<String, Set<Integer>> valueYears) {
        List<String> codes = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        valueYears.forEach((code, ys) -> ys.forEach(y -> {
            codes.add(code);
            years.add(y);
        }));
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into kept_pending (indicator_code, value_year) select * from unnest(?::varchar[], ?::int4[])")) {
                insert.setArray(1, Jdbc.strings(connection, codes));
                insert.setArray(2, connection.createArrayOf("int4", years.toArray()));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Claims the oldest marks no other refresher holds. The locking read is an InitPlan, run once: written as
     * {@code id in (select …)}, a plan made while the table was nearly empty (the server's generic plan of this
     * statement) re-ran the sorted, locking read once per row of the table, and took a minute once a load had marked
     * a hundred thousand rows.
     */
    static final String CLAIM_MARKS = """
            delete from kept_pending where id = any(array(
                select id from kept_pending order by id limit ? for update skip locked))
            returning indicator_code, value_year, marked_at""";

    /** What one {@link #refreshPending} claimed: how many marks, and when the oldest of them was made. */
    public record Claimed(int marks, Instant oldest) {
    }

    /**
     * In the current transaction: claims up to {@code max} pending marks of any replica (skipping those another
     * refresher holds) and recalculates what their values reach. Nothing while a rebuild replays.
     */
    public Claimed refreshPending(int max) {
        if (state.rebuildingForShare()) {
            return new Claimed(0, null);
        }
        Map<String, Set<Integer>> valueYears = new TreeMap<>();
        Instant[] oldest = { null };
        int marks = Jdbc.work(entityManager, connection -> {
            int claimed = 0;
            try (PreparedStatement claim = connection.prepareStatement(CLAIM_MARKS)) {
                claim.setInt(1, max);
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        claimed++;
                        valueYears.computeIfAbsent(rs.getString(1), c -> new TreeSet<>()).add(rs.getInt(2));
                        Instant marked = rs.getTimestamp(3).toInstant();
                        oldest[0] = oldest[0] == null || marked.isBefore(oldest[0]) ? marked : oldest[0];
                    }
                }
            }
            return claimed;
        });
        if (marks > 0) {
            registry.timer("kpi.progress.refresh").record(() -> refresh(Set.of(), valueYears, today()));
        }
        return new Claimed(marks, oldest[0]);
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
        // A definition and the recalculation of new values may run in two transactions at once: whichever comes
        // second waits here for the first to commit, and then reads both.
        Jdbc.work(entityManager, connection -> {
            MeasurementProjection.lockIndicators(connection, MeasurementProjection.RECALCULATION_LOCKS, codes);
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
     * year the given pairs, or every indicator where the year is new, kept for another day, or {@code whole}; all
     * years at once, with one query of values and one statement per table for each chunk of indicators.
     */
    private void refreshYears(Set<Integer> years, Map<Integer, List<IndicatorEvent>> pairs,
            Map<Integer, Set<String>> dropped, LocalDate today, boolean whole) {
        if (years.isEmpty()) {
            return;
        }
        Map<Integer, Object[]> locked = lockYears(years, today);
        Map<Integer, List<IndicatorEvent>> calculate = new TreeMap<>();
        Map<Integer, Long> versions = new TreeMap<>();
        Set<Integer> wholeYears = new TreeSet<>();
        for (int year : years) {
            Object[] row = locked.get(year);
            versions.put(year, ((Number) row[1]).longValue() + 1);
            if (whole || !today.equals(row[0]) || ((Number) row[1]).longValue() == 0) {
                wholeYears.add(year);
            }
        }
        List<IndicatorEvent> all = wholeYears.isEmpty() ? List.of() : definitions.all();
        for (int year : years) {
            calculate.put(year, (wholeYears.contains(year)
                    ? all.stream().filter(i -> i.targetFor(year) != null)
                    : pairs.getOrDefault(year, List.of()).stream()).sorted(IndicatorDefinitions.LIST_ORDER).toList());
        }
        int recalculated = calculation.calculateKept(calculate, today, results -> {
            write(versions, results);
            statuses.record(results);
        });
        for (int year : years) {
            if (wholeYears.contains(year)) {
                emptyAllBut(year, versions.get(year), calculate.get(year).stream().map(IndicatorEvent::code).toList());
            } else if (dropped.containsKey(year)) {
                empty(year, versions.get(year), dropped.get(year));
            }
        }
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update kept_year k set as_of = ?, version = v.version
                    from unnest(?::int4[], ?::int8[]) as v(fiscal_year, version) where k.fiscal_year = v.fiscal_year""")) {
                update.setObject(1, today);
                update.setArray(2, connection.createArrayOf("int4", versions.keySet().toArray()));
                update.setArray(3, connection.createArrayOf("int8", versions.values().toArray()));
                return update.executeUpdate();
            }
        });
        registry.counter("kpi.progress.recalculated").increment(recalculated);
    }

    private Map<Integer, Object[]> lockYears(Set<Integer> years, LocalDate today) {
        state.changing();
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

    /**
     * Upserts the recalculated rows. One whose progress did not change keeps its row version, so the readers' cached
     * copies of it stay good, and a rebuild's final recalculation (normally identical) rewrites nothing.
     */
    private void write(Map<Integer, Long> versions, List<IndicatorProgress> results) {
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
                    select y, code, iv, v, p::jsonb
                    from unnest(?::int4[], ?::varchar[], ?::int8[], ?::int8[], ?::text[]) as t(y, code, iv, v, p)
                    on conflict (fiscal_year, indicator_code) do update set indicator_version = excluded.indicator_version,
                        version = excluded.version, progress = excluded.progress
                    where kept_progress.progress is distinct from excluded.progress
                        or kept_progress.indicator_version <> excluded.indicator_version""")) {
                upsert.setArray(1, Jdbc.column(connection, "int4", results, IndicatorProgress::fiscalYear));
                upsert.setArray(2, Jdbc.column(connection, "varchar", results, p -> p.indicator().code()));
                upsert.setArray(3, Jdbc.column(connection, "int8", results, p -> p.indicator().version()));
                upsert.setArray(4, Jdbc.column(connection, "int8", results, p -> versions.get(p.fiscalYear())));
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
                    where fiscal_year = ? and progress is not null
                      and not exists (select from unnest(?::varchar[]) as k(code) where k.code = kept_progress.indicator_code)""")) {
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
                    ReadModelState.Head locked = state.headFromDatabase(fiscalYear);
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
        // Versions only grow: a copy at least as new as the head (made by another caller since) serves as well.
        ReadModelState.Head wanted = head;
        return snapshots.getOrMake(fiscalYear,
                cached -> cached.asOf().equals(wanted.keptAsOf()) && cached.version() >= wanted.keptVersion()
                        && cached.planGeneration() >= wanted.planGeneration(),
                cached -> load(fiscalYear, wanted, cached),
                (a, b) -> a.version() > b.version() ? a : b);
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
        // In the cached list's order, changed entries in their place and new ones last: the sort below then finds the
        // list nearly in order (a run or two) instead of sorting a thousand entries from scratch after every pass.
        Map<String, IndicatorProgress> byCode = new LinkedHashMap<>();
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
