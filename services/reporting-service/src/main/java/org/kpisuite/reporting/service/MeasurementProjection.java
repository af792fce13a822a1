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
 * Applies measurement revisions to the read model with two statements per batch, whatever its size (the lock, then
 * the rest): the history takes every revision once ({@code on conflict do nothing}, so a redelivery changes nothing); for a
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
    }

    /**
     * Applies the revisions in one go; returns, per indicator, the fiscal years that took a new revision. After the
     * indicators' locks, one statement: the history takes the revisions it lacks; of those, the newest of each key
     * replaces the key's value in force if it is newer, and moves its month's total by the difference. A late, older
     * revision changes no value in force, but it does change what was known on past days, so its year counts as
     * touched too (the answers cached for past dates follow the year's kept version).
     */
    public Map<String, Set<Integer>> apply(List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return Map.of();
        }
        return Jdbc.work(entityManager, connection -> {
            // The rebuild's reader and another replica's consumer may apply the same indicators: take them one at a
            // time, in one order, so that two deltas are never computed from the same value in force. The lock is a
            // statement of its own: the one below must read the values in force only once it holds it.
            lockIndicators(connection, APPLY_LOCKS, revisions.stream().map(Revision::indicator).collect(TreeSet::new, Set::add,
                    Set::addAll));
            Map<String, Set<Integer>> touched = new TreeMap<>();
            try (PreparedStatement apply = connection.prepareStatement("""
                    with fresh as (
                        insert into measurement_revision (indicator_code, component, breakdown, department, period,
                            revision, fiscal_year, value, measurement_id, recorded_at, outlier, rule_flags)
                        select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::char(7)[],
                            ?::int4[], ?::int4[], ?::numeric[], ?::uuid[], ?::timestamptz[], ?::bool[], ?::varchar[])
                        on conflict do nothing
                        returning indicator_code, component, breakdown, department, period, revision, fiscal_year, value),
                    newest as (
                        select distinct on (indicator_code, period, component, breakdown, department) *
                        from fresh
                        order by indicator_code, period, component, breakdown, department, revision desc),
                    replacing as (
                        select n.*, c.value as before_value, c.revision is null as new_key
                        from newest n
                        left join measurement_current c using (indicator_code, period, component, breakdown, department)
                        where c.revision is null or c.revision < n.revision),
                    in_force as (
                        insert into measurement_current (indicator_code, period, component, breakdown, department,
                            fiscal_year, revision, value)
                        select indicator_code, period, component, breakdown, department, fiscal_year, revision, value
                        from replacing
                        on conflict (indicator_code, period, component, breakdown, department) do update
                            set revision = excluded.revision, value = excluded.value),
                    totals as (
                        insert into monthly_total (indicator_code, fiscal_year, period, component, breakdown, value, keys)
                        select indicator_code, fiscal_year, period, component, breakdown,
                               sum(value - coalesce(before_value, 0)), count(*) filter (where new_key)
                        from replacing
                        group by indicator_code, fiscal_year, period, component, breakdown
                        on conflict (indicator_code, fiscal_year, period, component, breakdown) do update
                            set value = monthly_total.value + excluded.value, keys = monthly_total.keys + excluded.keys)
                    select distinct indicator_code, fiscal_year from fresh""")) {
                bindRevisions(connection, apply, revisions);
                try (ResultSet rs = apply.executeQuery()) {
                    while (rs.next()) {
                        touched.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getInt(2));
                    }
                }
            }
            return touched;
        });
    }

    /** While a rebuild replays: the revisions join the history only (see {@link #deriveFromHistory}). */
    public void record(List<Revision> revisions) {
        Jdbc.work(entityManager, connection -> insertHistory(connection, revisions));
    }

    /**
     * At the start of a rebuild, with the history emptied in the same transaction: the history's secondary indexes
     * (whatever the migrations made, apart from unique ones and those behind constraints) are recorded with their
     * definitions as they are now and dropped. Its replay fills the history without them and
     * {@link #deriveFromHistory} builds them once at its end: building an index over a million rows costs much less
     * than keeping it in order row by row. A takeover of a rebuild finds them recorded already.
     */
    public void dropHistoryIndexes() {
        entityManager.createNativeQuery("""
                insert into rebuild_dropped_index (name, definition)
                select c.relname, pg_get_indexdef(i.indexrelid)
                from pg_index i join pg_class c on c.oid = i.indexrelid
                where i.indrelid = 'measurement_revision'::regclass and not i.indisunique
                  and not exists (select from pg_constraint k where k.conindid = i.indexrelid)
                on conflict (name) do update set definition = excluded.definition""").executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> names = entityManager.createNativeQuery(
                "select quote_ident(name) from rebuild_dropped_index order by name").getResultList();
        if (!names.isEmpty()) {
            entityManager.createNativeQuery("drop index if exists " + String.join(", ", names)).executeUpdate();
        }
    }

    /**
     * At the end of a rebuild's replay, in its last transaction: the history is indexed again, and the values in
     * force (each key's highest revision) and the monthly totals are derived whole from it and the kept tables made
     * equal to them. Only rows that differ are written (after a rebuild of a sound read model, none: writing 600,000
     * identical rows back took most of this step), found with one full join per table. Consumers wait for this
     * transaction (they read the rebuild's row for share); the explicit lock keeps any other writer out as well.
     * Returns the milliseconds of its parts, for the rebuild's log.
     */
    public String deriveFromHistory() {
        return Jdbc.work(entityManager, connection -> {
            StringBuilder took = new StringBuilder();
            long start = System.nanoTime();
            try (Statement derive = connection.createStatement()) {
                derive.execute("set local maintenance_work_mem = '128MB'");
                // Read and emptied in one statement; a definition that fails rolls the emptying back with it.
                List<String> dropped = new ArrayList<>();
                try (ResultSet rs = derive.executeQuery("delete from rebuild_dropped_index returning definition")) {
                    while (rs.next()) {
                        dropped.add(rs.getString(1));
                    }
                }
                for (String definition : dropped) {
                    if (!definition.startsWith("CREATE INDEX ")) {
                        throw new IllegalStateException("rebuild_dropped_index holds no index definition: " + definition);
                    }
                    derive.execute(definition.replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
                }
                start = lap(took, "history indexed", start);
                // The replay has just filled the history: without statistics the planner would sort it whole.
                derive.execute("analyze measurement_revision");
                derive.execute("set local work_mem = '64MB'");
                derive.execute("lock table measurement_current, monthly_total in exclusive mode");
                // In the history's primary key order, read backwards: each key's highest revision comes first, with
                // no sort of a million rows. A temporary table: written without WAL, dropped with the transaction.
                derive.execute("""
                        create temporary table derived_current on commit drop as
                        select distinct on (indicator_code, component, breakdown, department, period)
                               indicator_code, period, component, breakdown, department, fiscal_year, revision, value
                        from measurement_revision
                        order by indicator_code desc, component desc, breakdown desc, department desc, period desc,
                            revision desc""");
                derive.execute("analyze derived_current");
                start = lap(took, "values in force read", start);
                // A kept row the history does not give is deleted (by its row address, which the exclusive lock
                // keeps still); a missing or different one is written.
                derive.execute("""
                        with diff as (
                            select d.*, c.ctid as kept
                            from derived_current d
                            full join measurement_current c on c.indicator_code = d.indicator_code and c.period = d.period
                                and c.component = d.component and c.breakdown = d.breakdown and c.department = d.department
                            where d.indicator_code is null or c.indicator_code is null
                               or (c.fiscal_year, c.revision, c.value) is distinct from (d.fiscal_year, d.revision, d.value)),
                        gone as (
                            delete from measurement_current
                            where ctid = any (array(select kept from diff where indicator_code is null)))
                        insert into measurement_current (indicator_code, period, component, breakdown, department,
                            fiscal_year, revision, value)
                        select indicator_code, period, component, breakdown, department, fiscal_year, revision, value
                        from diff where indicator_code is not null
                        on conflict (indicator_code, period, component, breakdown, department) do update
                            set fiscal_year = excluded.fiscal_year, revision = excluded.revision, value = excluded.value""");
                start = lap(took, "values in force made equal", start);
                derive.execute("""
                        with diff as (
                            select d.*, t.ctid as kept
                            from (select indicator_code, fiscal_year, period, component, breakdown, sum(value) as value,
                                         count(*)::integer as keys
                                  from derived_current
                                  group by indicator_code, fiscal_year, period, component, breakdown) d
                            full join monthly_total t on t.indicator_code = d.indicator_code and t.fiscal_year = d.fiscal_year
                                and t.period = d.period and t.component = d.component and t.breakdown = d.breakdown
                            where d.indicator_code is null or t.indicator_code is null
                               or (t.value, t.keys) is distinct from (d.value, d.keys)),
                        gone as (
                            delete from monthly_total
                            where ctid = any (array(select kept from diff where indicator_code is null)))
                        insert into monthly_total (indicator_code, fiscal_year, period, component, breakdown, value, keys)
                        select indicator_code, fiscal_year, period, component, breakdown, value, keys
                        from diff where indicator_code is not null
                        on conflict (indicator_code, fiscal_year, period, component, breakdown) do update
                            set value = excluded.value, keys = excluded.keys""");
                lap(took, "monthly totals made equal", start);
            }
            return took.toString();
        });
    }

    private static long lap(StringBuilder took, String step, long since) {
        long now = System.nanoTime();
        took.append(took.isEmpty() ? "" : ", ").append(step).append(' ').append((now - since) / 1_000_000).append(" ms");
        return now;
    }

    /** Inserts the revisions not yet in the history. */
    private static Void insertHistory(Connection connection, List<Revision> revisions) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into measurement_revision (indicator_code, component, breakdown, department, period, revision,
                    fiscal_year, value, measurement_id, recorded_at, outlier, rule_flags)
                select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::char(7)[], ?::int4[],
                    ?::int4[], ?::numeric[], ?::uuid[], ?::timestamptz[], ?::bool[], ?::varchar[])
                on conflict do nothing""")) {
            bindRevisions(connection, insert, revisions);
            insert.executeUpdate();
        }
        return null;
    }

    /** The revisions as the twelve array parameters of the history's columns, in its column order. */
    private static void bindRevisions(Connection connection, PreparedStatement statement, List<Revision> revisions)
            throws SQLException {
        statement.setArray(1, Jdbc.column(connection, "varchar", revisions, Revision::indicator));
        statement.setArray(2, Jdbc.column(connection, "varchar", revisions, Revision::component));
        statement.setArray(3, Jdbc.column(connection, "varchar", revisions, Revision::breakdown));
        statement.setArray(4, Jdbc.column(connection, "varchar", revisions, Revision::department));
        statement.setArray(5, Jdbc.column(connection, "varchar", revisions, Revision::period));
        statement.setArray(6, Jdbc.column(connection, "int4", revisions, Revision::revision));
        statement.setArray(7, Jdbc.column(connection, "int4", revisions, Revision::fiscalYear));
        statement.setArray(8, Jdbc.column(connection, "numeric", revisions, Revision::value));
        statement.setArray(9, Jdbc.column(connection, "uuid", revisions, Revision::measurementId));
        statement.setArray(10, Jdbc.column(connection, "timestamptz", revisions, r -> Timestamp.from(r.recordedAt())));
        statement.setArray(11, Jdbc.column(connection, "bool", revisions, Revision::outlier));
        statement.setArray(12, Jdbc.column(connection, "varchar", revisions, Revision::ruleFlags));
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
}
