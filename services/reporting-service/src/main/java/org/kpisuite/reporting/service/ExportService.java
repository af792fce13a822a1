package org.kpisuite.reporting.service;

import org.kpisuite.fiscal.Period;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.kpisuite.problem.ColumnNumbers;
import org.kpisuite.problem.ParamConverters;

/**
 * Reads the fact table of the BI export: the latest revision of every key (indicator, component, breakdown,
 * department, month), in the order (updatedAt, indicatorCode, component, breakdown, department, month), where
 * updatedAt is the recording time of that latest revision. A page starts strictly after a {@link FactKey}.
 */
@ApplicationScoped
public class ExportService {

    static final String EXPORT = "facts";

    private static final String KEY = "indicator_code, component, breakdown, department, period";
    private static final String FACT_COLUMNS = """
            m.indicator_code, m.component, m.breakdown, m.department, m.period, m.fiscal_year,
            m.revision, m.value, m.recorded_at as updated_at, m.outlier, m.rule_flags""";

    @Inject
    EntityManager entityManager;

    /** The sort key of a row; component and breakdown are "" when the row has none, as stored. */
    public record FactKey(Instant updatedAt, String indicatorCode, String component, String breakdown,
            String department, String month) {

        public String cursor() {
            return ExportCursor.encode(EXPORT, List.of(updatedAt.toString(), indicatorCode, component, breakdown,
                    department, month));
        }

        /**
         * The key in a cursor (the query parameter converts through this); a 400 problem naming {@code cursor}
         * when it is not one of ours, or holds an instant outside what the database holds.
         */
        public static FactKey fromString(String cursor) {
            List<String> k = ExportCursor.decode(EXPORT, 6, cursor);
            try {
                return new FactKey(ParamConverters.instant(k.get(0)), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5));
            } catch (IllegalArgumentException e) {
                throw ExportCursor.invalid(EXPORT);
            }
        }
    }

    /**
     * @param fiscalYear    only months of this fiscal year, or null
     * @param indicatorCode only this indicator, or null
     * @param updatedSince  only rows whose latest revision was recorded strictly after it, or null
     * @param after         only rows after this key in the export's order, or null for the first page
     */
    public record FactQuery(Integer fiscalYear, String indicatorCode, Instant updatedSince, FactKey after, int limit) {
    }

    /** @param next the key of the last row when more rows follow it, else null */
    public record FactPage(List<ExportFact> rows, FactKey next) {
    }

    @SuppressWarnings("unchecked")
    public FactPage facts(FactQuery q) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder revisions = new StringBuilder("true");
        if (q.fiscalYear() != null) {
            revisions.append(" and m.fiscal_year = :fiscalYear");
            params.put("fiscalYear", q.fiscalYear());
        }
        if (q.indicatorCode() != null) {
            revisions.append(" and m.indicator_code = :indicatorCode");
            params.put("indicatorCode", q.indicatorCode());
        }
        // A key whose latest revision is recorded at or after a bound has some revision recorded at or after it:
        // with an updatedSince or a cursor, only such keys are read (measurement_revision_by_recorded_at).
        Instant from = q.updatedSince();
        if (q.after() != null && (from == null || q.after().updatedAt().isAfter(from))) {
            from = q.after().updatedAt();
        }
        String recordedSince = "";
        if (from != null) {
            recordedSince = " and (m." + KEY.replace(", ", ", m.") + ") in (select " + KEY
                    + " from measurement_revision r where r.recorded_at >= :from)";
            revisions.append(recordedSince);
            params.put("from", utc(from));
        }
        StringBuilder latest = new StringBuilder("true");
        if (q.updatedSince() != null) {
            latest.append(" and l.updated_at > :updatedSince");
            params.put("updatedSince", utc(q.updatedSince()));
        }
        if (q.after() != null) {
            latest.append(" and (l.updated_at, l.indicator_code, l.component, l.breakdown, l.department, l.period)"
                    + " > (:afterAt, :afterCode, :afterComponent, :afterBreakdown, :afterDepartment, cast(:afterMonth as char(7)))");
            FactKey a = q.after();
            params.put("afterAt", utc(a.updatedAt()));
            params.put("afterCode", a.indicatorCode());
            params.put("afterComponent", a.component());
            params.put("afterBreakdown", a.breakdown());
            params.put("afterDepartment", a.department());
            params.put("afterMonth", a.month());
        }
        Query query = entityManager.createNativeQuery("""
                select p.indicator_code, v.state ->> 'nameJa', v.state ->> 'nameEn', v.state ->> 'unit', p.department,
                       p.fiscal_year, p.period, p.component, p.breakdown, p.value, p.revision,
                       (select min(f.recorded_at) from measurement_revision f
                         where f.indicator_code = p.indicator_code and f.component = p.component
                           and f.breakdown = p.breakdown and f.department = p.department and f.period = p.period),
                       p.updated_at, p.outlier, p.rule_flags,
                       coalesce(approval_before(p.indicator_code, p.component, p.breakdown, p.department, p.period,
                                                p.revision, 'infinity'), 'PROVISIONAL')
                from (
                    select l.* from (%1$s) l
                    where %2$s
                    order by l.updated_at, l.indicator_code, l.component, l.breakdown, l.department, l.period
                    limit :limit
                ) p
                left join indicator_view v on v.code = p.indicator_code%3$s
                order by p.updated_at, p.indicator_code, p.component, p.breakdown, p.department, p.period
                """.formatted(q.indicatorCode() == null ? latestOfEveryKey(revisions, "")
                        : latestOfOneIndicator(revisions, recordedSince, q.fiscalYear() != null), latest,
                        // One indicator's name is one index lookup, not a hash of every definition.
                        q.indicatorCode() == null ? "" : " and v.code = :indicatorCode"));
        params.forEach(query::setParameter);
        // One row more than asked: whether a next page exists.
        query.setParameter("limit", q.limit() + 1);
        List<Object[]> result = query.getResultList();

        List<ExportFact> rows = new ArrayList<>(Math.min(result.size(), q.limit()));
        FactKey last = null;
        for (Object[] r : result.subList(0, Math.min(result.size(), q.limit()))) {
            String component = (String) r[7];
            String breakdown = (String) r[8];
            Instant updatedAt = instant(r[12]);
            String period = r[6].toString().trim(); // char(7): FY2024 comes back padded
            boolean monthly = Period.isMonth(period);
            rows.add(new ExportFact((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue(), monthly ? period : null, component.isEmpty() ? null : component,
                    breakdown.isEmpty() ? null : breakdown, ColumnNumbers.plain((BigDecimal) r[9]), ((Number) r[10]).intValue(),
                    instant(r[11]), updatedAt, Boolean.TRUE.equals(r[13]), period, (String) r[14], (String) r[15]));
            last = new FactKey(updatedAt, (String) r[0], component, breakdown, (String) r[4], period);
        }
        return new FactPage(rows, result.size() > q.limit() ? last : null);
    }

    /** Each key's latest revision, from the history: one sort of the revisions that match. */
    private static String latestOfEveryKey(CharSequence revisions, String andWhen) {
        return """
                select distinct on (%1$s) %2$s
                from measurement_revision m
                where %3$s%4$s
                order by %1$s, m.revision desc""".formatted(KEY, FACT_COLUMNS, revisions, andWhen);
    }

    /**
     * One indicator's keys, each with its latest revision: the values in force name it, so a key costs one index
     * lookup however many corrections it has had (an indicator corrected every few seconds would otherwise sort its
     * whole history on every pull). While a rebuild replays the history the values in force are those from before
     * it, so the history is read as for every key; the state row decides inside the statement, in its snapshot.
     * The indicator and the year are filtered on the values in force only: the same filters on the history as well
     * let a generic plan start from the indicator's whole history instead.
     */
    private static String latestOfOneIndicator(CharSequence revisions, String recordedSince, boolean fiscalYear) {
        return """
                select %1$s
                from measurement_current c
                join measurement_revision m using (%5$s, revision)
                where c.indicator_code = :indicatorCode%4$s%2$s
                  and (select rebuild_id is null from read_model_state where id = 1)
                union all
                (%3$s)""".formatted(FACT_COLUMNS, recordedSince, latestOfEveryKey(revisions,
                " and (select rebuild_id is not null from read_model_state where id = 1)"),
                fiscalYear ? " and c.fiscal_year = :fiscalYear" : "", KEY);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + (value == null ? null : value.getClass()));
    }
}
