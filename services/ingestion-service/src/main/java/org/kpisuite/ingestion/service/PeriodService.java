package org.kpisuite.ingestion.service;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.domain.MeasurementStore;
import org.kpisuite.ingestion.domain.PeriodClosure;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.TextRules;

/** Closing and reopening months; a closed month refuses new values and corrections of its scope. */
@ApplicationScoped
public class PeriodService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PeriodService.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Closures closures;

    public record Closed(PeriodClosure closure, boolean created) {
    }

    /** Closes the month for the scope; closing it again changes nothing. */
    @Transactional
    public Closed close(String month, String indicatorCode, String department, Submitter by) {
        YearMonth ym = parse(month);
        String code = blankToNull(indicatorCode);
        String dept = blankToNull(department);
        // A closure that names what ingestion does not know could never match a value: refused, as an unknown
        // indicator always was, each naming its field.
        IndicatorReplica indicator = code == null ? null : IndicatorReplica.findById(code);
        if (code != null && indicator == null) {
            throw ProblemException.unknownField("indicatorCode", "indicator '" + code + "' does not exist");
        }
        if (dept != null && IndicatorReplica.count("department", dept) == 0) {
            throw ProblemException.unknownField("department", "no indicator of department '" + dept + "' is known");
        }
        if (indicator != null && dept != null && !indicator.department.equals(dept)) {
            throw ProblemException.unknownField("department", "indicator '" + code + "' is reported by "
                    + indicator.department + ", not " + dept);
        }
        lock(month);
        Optional<PeriodClosure> existing = PeriodClosure.scope(month, code, dept);
        if (existing.isPresent()) {
            return new Closed(existing.get(), false);
        }
        PeriodClosure c = new PeriodClosure();
        c.id = UUID.randomUUID();
        c.period = month;
        c.fiscalYear = FiscalCalendar.fiscalYearOf(ym);
        c.indicatorCode = code;
        c.department = dept;
        c.closedBy = by.name();
        c.closedAt = Instant.now();
        c.persist();
        closures.changed();
        return new Closed(c, true);
    }

    /** Removes the closure of exactly this scope; a wider closure of the month stays in force. */
    @Transactional
    public PeriodClosure reopen(String month, String indicatorCode, String department, Submitter by) {
        parse(month);
        lock(month);
        PeriodClosure c = PeriodClosure.scope(month, blankToNull(indicatorCode), blankToNull(department))
                .orElseThrow(() -> ProblemException.notFound("closure of " + month,
                        (indicatorCode == null ? "*" : indicatorCode) + "/" + (department == null ? "*" : department)));
        c.delete();
        closures.changed();
        // The closure row is gone; the log keeps who reopened the month.
        LOG.infof("period %s reopened for %s/%s by %s", month, c.indicatorCode == null ? "*" : c.indicatorCode,
                c.department == null ? "*" : c.department, by.name());
        return c;
    }

    public List<PeriodClosure> list(Integer fiscalYear) {
        return fiscalYear == null ? PeriodClosure.list("order by period, indicatorCode nulls first, department nulls first")
                : PeriodClosure.list("fiscalYear = ?1 order by period, indicatorCode nulls first, department nulls first",
                        fiscalYear);
    }

    private void lock(String month) {
        // The month's lock, exclusive: every writer of the month holds it shared (MeasurementStore.lock).
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:space, hashtext(:month))")
                .setParameter("space", MeasurementStore.MONTH_LOCKS).setParameter("month", month).getSingleResult();
    }

    private static YearMonth parse(String month) {
        YearMonth ym = FiscalCalendar.parseMonth(month)
                .orElseThrow(() -> ProblemException.badRequest("month", "must be a month formatted YYYY-MM"));
        if (!FiscalCalendar.isPlausibleYear(FiscalCalendar.fiscalYearOf(ym))) {
            throw ProblemException.badRequest("month", "must be in a fiscal year from " + FiscalCalendar.MIN_YEAR
                    + " to " + FiscalCalendar.MAX_YEAR + ", not " + month);
        }
        return ym;
    }

    private static String blankToNull(String s) {
        return TextRules.blank(s) ? null : s.trim();
    }
}
