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

    /** Advisory lock spaces (the first key of the two-int form): 1 indicators, 3 measurement keys (2: months). */
    private static final int INDICATOR_LOCKS = 1;
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
     * many keys that it takes the whole indicator. All in one statement, indicators first, then keys, each in the
     * order of their lock ids, so that two writers never wait for each other in a cycle.
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

    /** The current (latest) revision of each of the keys that has one, in one query over the unique index. */
    public static Map<MeasurementKey, Measurement> current(EntityManager em, Collection<MeasurementKey> keys) {
        if (keys.isEmpty()) {
            return new HashMap<>();
        }
        List<MeasurementKey> list = List.copyOf(keys);
        return work(em, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select m.id, m.indicator_code, m.component, m.breakdown, m.department, m.period, m.fiscal_year,
                           m.value, m.revision, m.note, m.reason, m.recorded_by, m.recorded_at
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as k(code, component, breakdown, department, period)
                    cross join lateral (
                        select * from measurement m
                        where m.indicator_code = k.code and m.component = k.component and m.breakdown = k.breakdown
                          and m.department = k.department and m.period = k.period::bpchar
                        order by m.revision desc limit 1) m""")) {
                select.setArray(1, texts(connection, list, MeasurementKey::indicatorCode));
                select.setArray(2, texts(connection, list, MeasurementKey::component));
                select.setArray(3, texts(connection, list, MeasurementKey::breakdown));
                select.setArray(4, texts(connection, list, MeasurementKey::department));
                select.setArray(5, texts(connection, list, MeasurementKey::month));
                Map<MeasurementKey, Measurement> current = new HashMap<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Measurement m = read(rs);
                        current.put(m.key(), m);
                    }
                }
                return current;
            }
        });
    }

    /**
     * The current value of each month of each series from {@code months} months before the earliest given month up
     * to (not including) the latest, in one query: the history the outlier check needs, bounded, not every
     * revision ever stored.
     */
    public static Map<Series, TreeMap<String, BigDecimal>> window(EntityManager em, Map<Series, List<String>> monthsBySeries,
            int months) {
        Map<Series, TreeMap<String, BigDecimal>> history = new HashMap<>();
        if (monthsBySeries.isEmpty()) {
            return history;
        }
        List<Series> series = new ArrayList<>(monthsBySeries.keySet());
        List<String> first = new ArrayList<>(series.size());
        List<String> last = new ArrayList<>(series.size());
        for (Series s : series) {
            List<String> ms = monthsBySeries.get(s);
            // Months, or the same span in the series' own periods (24 months are 8 quarters, 2 fiscal years).
            Period earliest = Period.parse(ms.stream().min(String::compareTo).orElseThrow()).orElseThrow();
            first.add(earliest.minus(Math.max(1, months / earliest.frequency().months())).toString());
            last.add(ms.stream().max(String::compareTo).orElseThrow());
            history.put(s, new TreeMap<>());
        }
        return work(em, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select s.position, w.period, w.value
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                         as s(code, component, breakdown, department, first, last, position)
                    cross join lateral (
                        select distinct on (m.period) m.period, m.value from measurement m
                        where m.indicator_code = s.code and m.component = s.component and m.breakdown = s.breakdown
                          and m.department = s.department and m.period >= s.first::bpchar and m.period < s.last::bpchar
                        order by m.period, m.revision desc) w""")) {
                select.setArray(1, texts(connection, series, Series::indicatorCode));
                select.setArray(2, texts(connection, series, Series::component));
                select.setArray(3, texts(connection, series, Series::breakdown));
                select.setArray(4, texts(connection, series, Series::department));
                select.setArray(5, texts(connection, first.toArray(String[]::new)));
                select.setArray(6, texts(connection, last.toArray(String[]::new)));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        history.get(series.get(rs.getInt(1) - 1)).put(rs.getString(2).trim(), rs.getBigDecimal(3));
                    }
                }
                return history;
            }
        });
    }

    /** Inserts the new revisions with one statement. */
    public static void insert(EntityManager em, List<Measurement> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        work(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into measurement (id, indicator_code, component, breakdown, department, period, fiscal_year,
                                             value, revision, note, reason, recorded_by, recorded_at)
                    select id::uuid, code, component, breakdown, department, period, fiscal_year::integer,
                           value::numeric, revision::integer, note, reason, recorded_by, recorded_at::timestamptz
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as r(id, code, component, breakdown, department, period, fiscal_year, value, revision, note,
                              reason, recorded_by, recorded_at)""")) {
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

    private static Measurement read(ResultSet rs) throws SQLException {
        Measurement m = new Measurement();
        m.id = rs.getObject(1, java.util.UUID.class);
        m.indicatorCode = rs.getString(2);
        m.component = rs.getString(3);
        m.breakdown = rs.getString(4);
        m.department = rs.getString(5);
        m.period = rs.getString(6).trim(); // char(7): FY2024 comes back padded
        m.fiscalYear = rs.getInt(7);
        m.value = rs.getBigDecimal(8);
        m.revision = rs.getInt(9);
        m.note = rs.getString(10);
        m.reason = rs.getString(11);
        m.recordedBy = rs.getString(12);
        m.recordedAt = rs.getObject(13, OffsetDateTime.class).toInstant();
        return m;
    }

    private static <T> Array texts(Connection connection, List<T> items, Function<T, String> field) throws SQLException {
        String[] values = new String[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(items.get(i));
        }
        return texts(connection, values);
    }

    private static Array texts(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T work(EntityManager em, Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
