package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.fiscal.Period;
import org.kpisuite.messaging.UnreadableEventException;

/**
 * Applies measurement revisions to the read model with a few set-based statements per batch, whatever its size:
 * the history takes every revision once ({@code on conflict do nothing}, so a redelivery changes nothing); for a
 * revision newer than the key's value in force, the key's value is replaced and the month's total moves by the
 * difference. The result is the (indicator, fiscal year) pairs whose history changed.
 */
@ApplicationScoped
public class MeasurementProjection {

    /**
     * Advisory lock spaces of the read model's per-indicator locks (ingestion uses 1 and 3 in its own database):
     * applying values, and recalculating their progress (a definition and the values' recalculation, one at a time).
     */
    static final int APPLY_LOCKS = 2;
    static final int RECALCULATION_LOCKS = 4;

    @Inject
    EntityManager entityManager;

    /** One revision, as the tables hold it: '' for no component or breakdown, so that a key is never NULL. */
    public record Revision(String indicator, String component, String breakdown, String department, String period,
            int revision, int fiscalYear, BigDecimal value, UUID measurementId, Instant recordedAt, boolean outlier,
            String ruleFlags) {

        /** A revision of v1 (a month) or v2 (any period): its period is kept as written, 2024-Q1 or FY2024. */
        public static Revision of(MeasurementEvent m) {
            Period period = Period.parse(m.period()).orElseThrow(() -> new UnreadableEventException(
                    "measurement " + m.measurementId() + " has period " + m.period(), null));
            if (m.indicatorCode() == null || m.department() == null || m.value() == null || m.measurementId() == null
                    || m.recordedAt() == null || m.revision() < 1) {
                throw new UnreadableEventException("measurement " + m.measurementId() + " lacks a required field", null);
            }
            return new Revision(m.indicatorCode(), m.component() == null ? "" : m.component(),
                    m.breakdown() == null ? "" : m.breakdown(), m.department(), period.toString(), m.revision(),
                    period.fiscalYear(), m.value(), m.measurementId(), m.recordedAt(),
                    m.flags().contains(MeasurementEvent.FLAG_OUTLIER), String.join(",", m.flags().stream()
                            .filter(f -> f.startsWith(MeasurementEvent.FLAG_RULE_PREFIX))
                            .map(f -> f.substring(MeasurementEvent.FLAG_RULE_PREFIX.length())).toList()));
        }

        Key key() {
            return new Key(indicator, period, component, breakdown, department);
        }
    }

    /** A value's key, in the order of measurement_current's primary key. */
    record Key(String indicator, String period, String component, String breakdown, String department)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = indicator.compareTo(o.indicator);
            c = c != 0 ? c : period.compareTo(o.period);
            c = c != 0 ? c : component.compareTo(o.component);
            c = c != 0 ? c : breakdown.compareTo(o.breakdown);
            return c != 0 ? c : department.compareTo(o.department);
        }
    }

    private record TotalKey(String indicator, int fiscalYear, String period, String component, String breakdown) {
    }

    private record Current(int revision, BigDecimal value) {
    }

    private static final class Delta {
        BigDecimal value = BigDecimal.ZERO;
        int keys;
    }

    /** Applies the revisions in one go; returns, per indicator, the fiscal years that took a new revision. */
    public Map<String, Set<Integer>> apply(List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return Map.of();
        }
        return Jdbc.work(entityManager, connection -> {
            // The rebuild's reader and another replica's consumer may apply the same indicators: take them one at a
            // time, in one order, so that two deltas are never computed from the same value in force.
            lockIndicators(connection, APPLY_LOCKS, revisions.stream().map(Revision::indicator).collect(TreeSet::new, Set::add,
                    Set::addAll));
            List<Revision> fresh = insertHistory(connection, revisions);
            if (fresh.isEmpty()) {
                return Map.of();
            }
            Map<Key, Revision> newest = new TreeMap<>();
            for (Revision r : fresh) {
                newest.merge(r.key(), r, (a, b) -> a.revision() >= b.revision() ? a : b);
            }
            Map<Key, Current> current = current(connection, newest.keySet());
            List<Revision> replacing = new ArrayList<>();
            Map<TotalKey, Delta> deltas = new LinkedHashMap<>();
            // A late, older revision changes no value in force, but it does change what was known on past days, so
            // its year counts as touched too (the answers cached for past dates follow the year's kept version).
            Map<String, Set<Integer>> touched = new TreeMap<>();
            fresh.forEach(r -> touched.computeIfAbsent(r.indicator(), k -> new TreeSet<>()).add(r.fiscalYear()));
            for (Revision r : newest.values()) {
                Current before = current.get(r.key());
                if (before != null && before.revision() >= r.revision()) {
                    continue; // kept in the history, not in force
                }
                replacing.add(r);
                Delta delta = deltas.computeIfAbsent(new TotalKey(r.indicator(), r.fiscalYear(), r.period(),
                        r.component(), r.breakdown()), k -> new Delta());
                delta.value = delta.value.add(before == null ? r.value() : r.value().subtract(before.value()));
                delta.keys += before == null ? 1 : 0;
            }
            upsertCurrent(connection, replacing);
            upsertTotals(connection, deltas);
            return touched;
        });
    }

    /** While a rebuild replays: the revisions join the history only (see {@link #deriveFromHistory}). */
    public void record(List<Revision> revisions) {
        Jdbc.work(entityManager, connection -> insertHistory(connection, revisions));
    }

    /**
     * At the end of a rebuild's replay, in its last transaction: the values in force (each key's highest revision)
     * and the monthly totals, derived whole from the history in three statements. The truncation locks both
     * tables, so a consumer's poll waits for this transaction and then applies onto the derived state.
     */
    public void deriveFromHistory() {
        Jdbc.work(entityManager, connection -> {
            try (Statement derive = connection.createStatement()) {
                derive.execute("truncate measurement_current, monthly_total");
                derive.execute("""
                        insert into measurement_current (indicator_code, period, component, breakdown, department,
                            fiscal_year, revision, value)
                        select distinct on (indicator_code, period, component, breakdown, department)
                               indicator_code, period, component, breakdown, department, fiscal_year, revision, value
                        from measurement_revision
                        order by indicator_code, period, component, breakdown, department, revision desc""");
                derive.execute("""
                        insert into monthly_total (indicator_code, fiscal_year, period, component, breakdown, value, keys)
                        select indicator_code, fiscal_year, period, component, breakdown, sum(value), count(*)
                        from measurement_current
                        group by indicator_code, fiscal_year, period, component, breakdown""");
            }
            return null;
        });
    }

    /** Inserts the revisions not yet in the history; returns those it inserted, as the table took them. */
    private static List<Revision> insertHistory(Connection connection, List<Revision> revisions) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into measurement_revision (indicator_code, component, breakdown, department, period, revision,
                    fiscal_year, value, measurement_id, recorded_at, outlier, rule_flags)
                select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::char(7)[], ?::int4[],
                    ?::int4[], ?::numeric[], ?::uuid[], ?::timestamptz[], ?::bool[], ?::varchar[])
                on conflict do nothing
                returning indicator_code, component, breakdown, department, period, revision, fiscal_year, value,
                    measurement_id, recorded_at, outlier, rule_flags""")) {
            insert.setArray(1, Jdbc.column(connection, "varchar", revisions, Revision::indicator));
            insert.setArray(2, Jdbc.column(connection, "varchar", revisions, Revision::component));
            insert.setArray(3, Jdbc.column(connection, "varchar", revisions, Revision::breakdown));
            insert.setArray(4, Jdbc.column(connection, "varchar", revisions, Revision::department));
            insert.setArray(5, Jdbc.column(connection, "varchar", revisions, Revision::period));
            insert.setArray(6, Jdbc.column(connection, "int4", revisions, Revision::revision));
            insert.setArray(7, Jdbc.column(connection, "int4", revisions, Revision::fiscalYear));
            insert.setArray(8, Jdbc.column(connection, "numeric", revisions, Revision::value));
            insert.setArray(9, Jdbc.column(connection, "uuid", revisions, Revision::measurementId));
            insert.setArray(10, Jdbc.column(connection, "timestamptz", revisions, r -> Timestamp.from(r.recordedAt())));
            insert.setArray(11, Jdbc.column(connection, "bool", revisions, Revision::outlier));
            insert.setArray(12, Jdbc.column(connection, "varchar", revisions, Revision::ruleFlags));
            List<Revision> inserted = new ArrayList<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new Revision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5).trim(), rs.getInt(6), rs.getInt(7), rs.getBigDecimal(8),
                            rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant(), rs.getBoolean(11),
                            rs.getString(12)));
                }
            }
            return inserted;
        }
    }

    /**
     * Takes the read model's lock of each indicator in that space, in one order, until the transaction ends.
     */
    static void lockIndicators(Connection connection, int space, Collection<String> sortedCodes) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select count(pg_advisory_xact_lock(?, hashtext(code))) from unnest(?::varchar[]) with ordinality as l(code, n)")) {
            lock.setInt(1, space);
            lock.setArray(2, Jdbc.strings(connection, sortedCodes));
            lock.executeQuery().close();
        }
    }

    private static Map<Key, Current> current(Connection connection, Collection<Key> keys) throws SQLException {
        Map<Key, Current> current = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select c.indicator_code, c.period, c.component, c.breakdown, c.department, c.revision, c.value
                from measurement_current c
                join unnest(?::varchar[], ?::char(7)[], ?::varchar[], ?::varchar[], ?::varchar[])
                     as k(indicator_code, period, component, breakdown, department)
                  using (indicator_code, period, component, breakdown, department)""")) {
            bindKeys(connection, select, keys);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    current.put(new Key(rs.getString(1), rs.getString(2).trim(), rs.getString(3), rs.getString(4),
                            rs.getString(5)), new Current(rs.getInt(6), rs.getBigDecimal(7)));
                }
            }
        }
        return current;
    }

    private static void bindKeys(Connection connection, PreparedStatement statement, Collection<Key> keys)
            throws SQLException {
        statement.setArray(1, Jdbc.column(connection, "varchar", keys, Key::indicator));
        statement.setArray(2, Jdbc.column(connection, "varchar", keys, Key::period));
        statement.setArray(3, Jdbc.column(connection, "varchar", keys, Key::component));
        statement.setArray(4, Jdbc.column(connection, "varchar", keys, Key::breakdown));
        statement.setArray(5, Jdbc.column(connection, "varchar", keys, Key::department));
    }

    private static void upsertCurrent(Connection connection, List<Revision> replacing) throws SQLException {
        if (replacing.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into measurement_current (indicator_code, period, component, breakdown, department, fiscal_year,
                    revision, value)
                select * from unnest(?::varchar[], ?::char(7)[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int4[],
                    ?::int4[], ?::numeric[])
                on conflict (indicator_code, period, component, breakdown, department) do update
                    set revision = excluded.revision, value = excluded.value""")) {
            bindKeys(connection, upsert, replacing.stream().map(Revision::key).toList());
            upsert.setArray(6, Jdbc.column(connection, "int4", replacing, Revision::fiscalYear));
            upsert.setArray(7, Jdbc.column(connection, "int4", replacing, Revision::revision));
            upsert.setArray(8, Jdbc.column(connection, "numeric", replacing, Revision::value));
            upsert.executeUpdate();
        }
    }

    private static void upsertTotals(Connection connection, Map<TotalKey, Delta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        var keys = deltas.keySet();
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into monthly_total (indicator_code, fiscal_year, period, component, breakdown, value, keys)
                select * from unnest(?::varchar[], ?::int4[], ?::char(7)[], ?::varchar[], ?::varchar[], ?::numeric[],
                    ?::int4[])
                on conflict (indicator_code, fiscal_year, period, component, breakdown) do update
                    set value = monthly_total.value + excluded.value, keys = monthly_total.keys + excluded.keys""")) {
            upsert.setArray(1, Jdbc.column(connection, "varchar", keys, TotalKey::indicator));
            upsert.setArray(2, Jdbc.column(connection, "int4", keys, TotalKey::fiscalYear));
            upsert.setArray(3, Jdbc.column(connection, "varchar", keys, TotalKey::period));
            upsert.setArray(4, Jdbc.column(connection, "varchar", keys, TotalKey::component));
            upsert.setArray(5, Jdbc.column(connection, "varchar", keys, TotalKey::breakdown));
            upsert.setArray(6, Jdbc.column(connection, "numeric", keys, k -> deltas.get(k).value));
            upsert.setArray(7, Jdbc.column(connection, "int4", keys, k -> deltas.get(k).keys));
            upsert.executeUpdate();
        }
    }
}
