package org.kpisuite.ingestion.domain;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.kpisuite.fiscal.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * The set-based statements of the write path: each takes all the keys of a batch (or of a group of single
 * submissions) as JDBC arrays, so that their cost does not grow with the number of round trips. Runs on the
 * connection of the caller's transaction.
 */
public final class MeasurementStore {

    /**
     * Advisory lock spaces (the first key of the two-int form): 1 indicators, 2 months (taken exclusively by closing
     * or reopening a month, shared by every writer of the month), 3 measurement keys.
     */
    private static final int INDICATOR_LOCKS = 1;
    public static final int MONTH_LOCKS = 2;
    private static final int KEY_LOCKS = 3;

    private MeasurementStore() {
    }

    /** The series a value belongs to: its key without the month. */
    public record Series(String indicatorCode, String component, String breakdown, String department) {

        public static Series of(MeasurementKey key) {
            return new Series(key.indicatorCode(), key.component(), key.breakdown(), key.department());
        }
    }

    /**
     * Above this many distinct keys, a call locks whole indicators instead of keys: PostgreSQL's lock table is shared
     * and finite ({@code max_locks_per_transaction} × connections), and a 50,000-row batch must not exhaust it.
     */
    public static final int MAX_KEY_LOCKS = 1_000;

    /**
     * Locks what the caller writes until its transaction ends, so that a writer of a key reads its current revision
     * only once no other writer of it can commit: no lost update, no duplicate revision. Every writer locks each
     * indicator it writes, shared when it then locks the keys themselves (exclusively), exclusive when it writes so
     * many keys that it takes the whole indicator; and each month it writes, shared, so that a month is not closed
     * between its closures being checked and its values committed. All in one statement, in the order of the lock
     * spaces and ids, so that two writers never wait for each other in a cycle.
     */
    public static void lock(EntityManager em, Collection<MeasurementKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        boolean wholeIndicators = keys.size() > MAX_KEY_LOCKS;
        List<Integer> spaces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> exclusive = new ArrayList<>();
        keys.stream().map(MeasurementKey::indicatorCode).distinct().forEach(code -> {
            spaces.add(INDICATOR_LOCKS);
            names.add(code);
            exclusive.add(wholeIndicators);
        });
        // A period is closed with the month it ends in, so its writer holds that month's lock.
        keys.stream().map(key -> org.kpisuite.fiscal.Period.parse(key.month()).map(p -> p.lastMonth().toString())
                .orElse(key.month())).distinct().forEach(month -> {
            spaces.add(MONTH_LOCKS);
            names.add(month);
            exclusive.add(false);
        });
        if (!wholeIndicators) {
            keys.forEach(key -> {
                spaces.add(KEY_LOCKS);
                names.add(key.toString());
                exclusive.add(true);
            });
        }
        work(em, connection -> {
            try (PreparedStatement lock = connection.prepareStatement("""
                    select count(case when l.exclusive then pg_advisory_xact_lock(l.space, l.id)
                                      else pg_advisory_xact_lock_shared(l.space, l.id) end)
                    from (select t.space, hashtext(t.name) as id, bool_or(t.exclusive) as exclusive
                          from unnest(?::int[], ?::text[], ?::boolean[]) as t(space, name, exclusive)
                          group by 1, 2 order by 1, 2) l""")) {
                lock.setArray(1, connection.createArrayOf("integer", spaces.toArray(Integer[]::new)));
                lock.setArray(2, texts(connection, names.toArray(String[]::new)));
                lock.setArray(3, connection.createArrayOf("boolean", exclusive.toArray(Boolean[]::new)));
                lock.executeQuery().close();
            }
            return null;
        });
    }

    /**
     * What a writer reads once it holds its locks: the revision in force of each key that has one, the values in
     * force of each series from {@code months} months before its earliest key up to its latest (the outlier window),
     * and the closures' version. One query over the primary key of the revisions in force.
     */
    public record Stored(Map<MeasurementKey, Measurement> current, Map<Series, TreeMap<String, BigDecimal>> history,
            long closureVersion) {
    }

    public static Stored read(EntityManager em, Collection<MeasurementKey> keys, int months) {
        Map<Series, List<String>> monthsBySeries = monthsBySeries(keys);
        List<Series> series = new ArrayList<>(monthsBySeries.keySet());
        List<String> first = new ArrayList<>(series.size());
        List<String> last = new ArrayList<>(series.size());
        Map<Series, TreeMap<String, BigDecimal>> history = new HashMap<>();
        for (Series s : series) {
            List<String> ms = monthsBySeries.get(s);
            // Months, or the same span in the series' own periods (24 months are 8 quarters, 2 fiscal years).
            Period earliest = Period.parse(ms.stream().min(String::compareTo).orElseThrow()).orElseThrow();
            first.add(earliest.minus(Math.max(1, months / earliest.frequency().months())).toString());
            last.add(ms.stream().max(String::compareTo).orElseThrow());
            history.put(s, new TreeMap<>());
        }
        List<MeasurementKey> wanted = List.copyOf(new LinkedHashSet<>(keys));
        return work(em, connection -> {
            // The window comes back as months and values only, and the keys asked for whole: a 1,000-row batch of one
            // month reads up to 24,000 window rows, and their other columns cost PostgreSQL as much again to read.
            try (PreparedStatement select = connection.prepareStatement("""
                    select v.version, w.whole, w.position, w.period, w.value, w.id, w.fiscal_year, w.revision, w.note,
                           w.reason, w.recorded_by, w.recorded_at
                    from (select version from closure_version where id = 1) v
                    left join (
                        select false as whole, s.position, c.period, c.value, null::uuid as id, null::integer as fiscal_year,
                               null::integer as revision, null::varchar as note, null::varchar as reason,
                               null::varchar as recorded_by, null::timestamptz as recorded_at
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                             as s(code, component, breakdown, department, first, last, position)
                        cross join lateral (
                            select c.period, c.value from measurement_current c
                            where c.indicator_code = s.code and c.component = s.component
                              and c.breakdown = s.breakdown and c.department = s.department
                              and c.period >= s.first::bpchar and c.period <= s.last::bpchar) c
                        union all
                        select true, k.position, c.period, c.value, c.id, c.fiscal_year, c.revision, c.note, c.reason,
                               c.recorded_by, c.recorded_at
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                             as k(code, component, breakdown, department, period, position)
                        join measurement_current c on c.indicator_code = k.code and c.component = k.component
                              and c.breakdown = k.breakdown and c.department = k.department and c.period = k.period::bpchar
                    ) w on true""")) {
                int p = 1;
                select.setArray(p++, texts(connection, series, Series::indicatorCode));
                select.setArray(p++, texts(connection, series, Series::component));
                select.setArray(p++, texts(connection, series, Series::breakdown));
                select.setArray(p++, texts(connection, series, Series::department));
                select.setArray(p++, texts(connection, first.toArray(String[]::new)));
                select.setArray(p++, texts(connection, last.toArray(String[]::new)));
                select.setArray(p++, texts(connection, wanted, MeasurementKey::indicatorCode));
                select.setArray(p++, texts(connection, wanted, MeasurementKey::component));
                select.setArray(p++, texts(connection, wanted, MeasurementKey::breakdown));
                select.setArray(p++, texts(connection, wanted, MeasurementKey::department));
                select.setArray(p++, texts(connection, wanted, MeasurementKey::month));
                Map<MeasurementKey, Measurement> current = new HashMap<>();
                long version = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        version = rs.getLong(1);
                        if (rs.getObject(2) == null) {
                            continue;
                        }
                        String period = rs.getString(4).trim();
                        BigDecimal value = rs.getBigDecimal(5);
                        if (!rs.getBoolean(2)) {
                            history.get(series.get(rs.getInt(3) - 1)).put(period, value);
                            continue;
                        }
                        MeasurementKey key = wanted.get(rs.getInt(3) - 1);
                        Measurement m = new Measurement();
                        m.indicatorCode = key.indicatorCode();
                        m.component = key.component();
                        m.breakdown = key.breakdown();
                        m.department = key.department();
                        m.period = period;
                        m.id = rs.getObject(6, java.util.UUID.class);
                        m.fiscalYear = rs.getInt(7);
                        m.value = value;
                        m.revision = rs.getInt(8);
                        m.note = rs.getString(9);
                        m.reason = rs.getString(10);
                        m.recordedBy = rs.getString(11);
                        m.recordedAt = rs.getObject(12, OffsetDateTime.class).toInstant();
                        current.put(key, m);
                    }
                }
                return new Stored(current, history, version);
            }
        });
    }

    /**
     * Inserts the new revisions into the history and makes the newest of each key the revision in force, in one
     * statement (a key may take several revisions in one call: submissions of it in one group).
     */
    public static void insert(EntityManager em, List<Measurement> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        work(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    with r as (
                        select id::uuid as id, code, component, breakdown, department, period::bpchar as period,
                               fiscal_year::integer as fiscal_year, value::numeric as value, revision::integer as revision,
                               note, reason, recorded_by, recorded_at::timestamptz as recorded_at, flags
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as r(id, code, component, breakdown, department, period, fiscal_year, value, revision,
                                  note, reason, recorded_by, recorded_at, flags)),
                    history as (
                        insert into measurement (id, indicator_code, component, breakdown, department, period,
                                                 fiscal_year, value, revision, note, reason, recorded_by, recorded_at, flags)
                        select id, code, component, breakdown, department, period, fiscal_year, value, revision, note,
                               reason, recorded_by, recorded_at, flags
                        from r)
                    insert into measurement_current (indicator_code, component, breakdown, department, period, id,
                                                     fiscal_year, value, revision, note, reason, recorded_by, recorded_at, flags)
                    select distinct on (code, component, breakdown, department, period)
                           code, component, breakdown, department, period, id, fiscal_year, value, revision, note,
                           reason, recorded_by, recorded_at, flags
                    from r
                    order by code, component, breakdown, department, period, revision desc
                    on conflict (indicator_code, component, breakdown, department, period) do update
                        set id = excluded.id, fiscal_year = excluded.fiscal_year, value = excluded.value,
                            revision = excluded.revision, note = excluded.note, reason = excluded.reason,
                            recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
                            flags = excluded.flags
                        where measurement_current.revision < excluded.revision""")) {
                int p = 1;
                insert.setArray(p++, texts(connection, revisions, m -> m.id.toString()));
                insert.setArray(p++, texts(connection, revisions, m -> m.indicatorCode));
                insert.setArray(p++, texts(connection, revisions, m -> m.component));
                insert.setArray(p++, texts(connection, revisions, m -> m.breakdown));
                insert.setArray(p++, texts(connection, revisions, m -> m.department));
                insert.setArray(p++, texts(connection, revisions, m -> m.period));
                insert.setArray(p++, texts(connection, revisions, m -> String.valueOf(m.fiscalYear)));
                insert.setArray(p++, texts(connection, revisions, m -> m.value.toPlainString()));
                insert.setArray(p++, texts(connection, revisions, m -> String.valueOf(m.revision)));
                insert.setArray(p++, texts(connection, revisions, m -> m.note));
                insert.setArray(p++, texts(connection, revisions, m -> m.reason));
                insert.setArray(p++, texts(connection, revisions, m -> m.recordedBy));
                insert.setArray(p++, texts(connection, revisions, m -> m.recordedAt.toString()));
                insert.setArray(p++, texts(connection, revisions, m -> m.flags));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Groups months by series, keeping the first-seen order of the series. */
    public static Map<Series, List<String>> monthsBySeries(Collection<MeasurementKey> keys) {
        Map<Series, List<String>> bySeries = new LinkedHashMap<>();
        keys.forEach(k -> bySeries.computeIfAbsent(Series.of(k), s -> new ArrayList<>()).add(k.month()));
        return bySeries;
    }

    static <T> Array texts(Connection connection, List<T> items, Function<T, String> field) throws SQLException {
        String[] values = new String[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(items.get(i));
        }
        return texts(connection, values);
    }

    private static Array texts(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static <T> T work(EntityManager em, Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
