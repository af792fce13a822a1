package org.kpisuite.ingestion.domain;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.kpisuite.problem.ColumnNumbers;

/**
 * The review of values (measurement_review): each key's value in force with the latest step on its revision, the
 * queue of what waits, every step of a key, and new steps written in one statement.
 */
public final class MeasurementReviews {

    /** A key's value in force and the latest decision on that revision (null: none yet). */
    public record InForce(MeasurementKey key, int revision, BigDecimal value, String decision, String comment,
            int lastStep) {
    }

    /** A value in force waiting in the queue, or returned to its department. */
    public record Waiting(MeasurementKey key, int revision, BigDecimal value, String note, String reason,
            String recordedBy, Instant recordedAt, List<String> flags, String decision, String comment) {
    }

    /** One step of a key's review. */
    public record Step(MeasurementKey key, int step, int revision, String decision, String comment, String decidedBy,
            Instant decidedAt) {
    }

    /** The latest step on the revision in force of measurement_current c, as d (decision, comment). */
    private static final String LATEST_STEP = """
                    left join lateral (
                        select r.decision, r.comment from measurement_review r
                        where r.indicator_code = c.indicator_code and r.component = c.component
                          and r.breakdown = c.breakdown and r.department = c.department and r.period = c.period
                          and r.revision = c.revision
                        order by r.step desc limit 1) d on true
            """;

    private MeasurementReviews() {
    }

    /** The values in force of the keys, with the latest step on their revision and the key's last step number. */
    public static Map<MeasurementKey, InForce> inForce(EntityManager em, Collection<MeasurementKey> keys) {
        List<MeasurementKey> list = List.copyOf(keys);
        return MeasurementStore.work(em, connection -> {
            Map<MeasurementKey, InForce> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select c.indicator_code, c.component, c.breakdown, c.department, c.period, c.revision, c.value,
                           d.decision, d.comment, coalesce(s.last_step, 0)
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as k(code, component, breakdown,
                                                                                            department, period)
                    join measurement_current c on c.indicator_code = k.code and c.component = k.component
                        and c.breakdown = k.breakdown and c.department = k.department and c.period = k.period::bpchar
                    """ + LATEST_STEP + """
                    left join lateral (
                        select max(r.step) as last_step from measurement_review r
                        where r.indicator_code = c.indicator_code and r.component = c.component
                          and r.breakdown = c.breakdown and r.department = c.department and r.period = c.period) s on true
                    """)) {
                select.setArray(1, MeasurementStore.texts(connection, list, MeasurementKey::indicatorCode));
                select.setArray(2, MeasurementStore.texts(connection, list, MeasurementKey::component));
                select.setArray(3, MeasurementStore.texts(connection, list, MeasurementKey::breakdown));
                select.setArray(4, MeasurementStore.texts(connection, list, MeasurementKey::department));
                select.setArray(5, MeasurementStore.texts(connection, list, MeasurementKey::month));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        MeasurementKey key = new MeasurementKey(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5).trim());
                        found.put(key, new InForce(key, rs.getInt(6), rs.getBigDecimal(7), rs.getString(8),
                                rs.getString(9), rs.getInt(10)));
                    }
                }
            }
            return found;
        });
    }

    /** Writes the steps in one statement. */
    public static void insert(EntityManager em, List<Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        MeasurementStore.work(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into measurement_review (indicator_code, component, breakdown, department, period, step,
                                                    revision, decision, comment, decided_by, decided_at)
                    select code, component, breakdown, department, period::bpchar, step::integer, revision::integer,
                           decision, comment, decided_by, decided_at::timestamptz
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[])
                         as s(code, component, breakdown, department, period, step, revision, decision, comment,
                              decided_by, decided_at)""")) {
                insert.setArray(1, MeasurementStore.texts(connection, steps, s -> s.key().indicatorCode()));
                insert.setArray(2, MeasurementStore.texts(connection, steps, s -> s.key().component()));
                insert.setArray(3, MeasurementStore.texts(connection, steps, s -> s.key().breakdown()));
                insert.setArray(4, MeasurementStore.texts(connection, steps, s -> s.key().department()));
                insert.setArray(5, MeasurementStore.texts(connection, steps, s -> s.key().month()));
                insert.setArray(6, MeasurementStore.texts(connection, steps, s -> String.valueOf(s.step())));
                insert.setArray(7, MeasurementStore.texts(connection, steps, s -> String.valueOf(s.revision())));
                insert.setArray(8, MeasurementStore.texts(connection, steps, Step::decision));
                insert.setArray(9, MeasurementStore.texts(connection, steps, Step::comment));
                insert.setArray(10, MeasurementStore.texts(connection, steps, Step::decidedBy));
                insert.setArray(11, MeasurementStore.texts(connection, steps, s -> s.decidedAt().toString()));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * The values in force in a state (PROVISIONAL: no decision on their revision; RETURNED), of one department or
     * all, of one fiscal year or all: flagged values first (outliers, broken rules), then the longest waiting.
     */
    public static List<Waiting> waiting(EntityManager em, String state, String department, Integer fiscalYear, int limit) {
        return MeasurementStore.work(em, connection -> {
            List<Waiting> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select c.indicator_code, c.component, c.breakdown, c.department, c.period, c.revision, c.value,
                           c.note, c.reason, c.recorded_by, c.recorded_at, c.flags, d.decision, d.comment
                    from measurement_current c
                    """ + LATEST_STEP + """
                    where (cast(? as varchar) is null or c.department = ?)
                      and (cast(? as integer) is null or c.fiscal_year = ?)
                      and coalesce(d.decision, 'PROVISIONAL') = ?
                    order by c.flags is null, c.recorded_at, c.indicator_code, c.period, c.department
                    limit ?""")) {
                select.setString(1, department);
                select.setString(2, department);
                select.setObject(3, fiscalYear, Types.INTEGER);
                select.setObject(4, fiscalYear, Types.INTEGER);
                select.setString(5, state);
                select.setInt(6, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String flags = rs.getString(12);
                        list.add(new Waiting(new MeasurementKey(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5).trim()), rs.getInt(6), ColumnNumbers.plain(rs.getBigDecimal(7)),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
                                flags == null ? List.of() : Arrays.asList(flags.split(",")), rs.getString(13),
                                rs.getString(14)));
                    }
                }
            }
            return list;
        });
    }

    /** Every step of a key's review, in order. */
    public static List<Step> steps(EntityManager em, MeasurementKey key) {
        return MeasurementStore.work(em, connection -> {
            List<Step> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select step, revision, decision, comment, decided_by, decided_at from measurement_review
                    where indicator_code = ? and component = ? and breakdown = ? and department = ? and period = ?
                    order by step""")) {
                select.setString(1, key.indicatorCode());
                select.setString(2, key.component());
                select.setString(3, key.breakdown());
                select.setString(4, key.department());
                select.setString(5, key.month());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Step(key, rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            return list;
        });
    }
}
