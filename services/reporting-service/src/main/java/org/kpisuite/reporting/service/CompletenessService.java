package org.kpisuite.reporting.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.IndicatorView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which expected monthly values are missing or came after the month's deadline. A value is expected every
 * month from the owning department of each active indicator that is a flow (SUM, AVERAGE, MAX, YOY_CHANGE);
 * levels and surveys (LAST, RATIO) are reported when measured, so a month without one is not missing.
 */
@ApplicationScoped
public class CompletenessService {

    static final Set<Aggregation> MONTHLY = Set.of(Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MAX,
            Aggregation.YOY_CHANGE);

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReportingConfig config;

    public record Expected(String indicatorCode, String department) {
    }

    public record Late(String indicatorCode, String department, Instant firstRecordedAt) {
    }

    public record Month(@Schema(implementation = String.class, pattern = "^\\d{4}-\\d{2}$", example = "2024-04") YearMonth month,
            LocalDate deadline, int expected, int received, int onTime,
            List<Expected> missing, List<Late> late) {
    }

    public java.time.ZoneId zone() {
        return config.zone();
    }

    /** The months of the fiscal year that ended by asOf, as known at the end of that day. */
    @SuppressWarnings("unchecked")
    public List<Month> completeness(int fiscalYear, LocalDate asOf) {
        List<IndicatorEvent> indicators = IndicatorView.<IndicatorView>listAll().stream()
                .map(v -> InboundEvent.read(mapper, v.state, IndicatorEvent.class))
                // An aggregation a newer producer added reads as null (unknown here): not known to be monthly.
                .filter(i -> i.activeIn(fiscalYear) && !i.referenceOnly() && i.aggregation() != null
                        && MONTHLY.contains(i.aggregation()))
                .sorted((a, b) -> a.code().compareTo(b.code()))
                .toList();
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(config.zone()).toInstant());
        List<Object[]> rows = entityManager.createNativeQuery("""
                select indicator_code, department, period, min(recorded_at)
                from measurement_revision
                where fiscal_year = :fiscalYear and recorded_at < :endOfDay
                group by indicator_code, department, period
                """).setParameter("fiscalYear", fiscalYear).setParameter("endOfDay", endOfDay).getResultList();
        Map<String, Instant> firstRecorded = new HashMap<>();
        for (Object[] row : rows) {
            firstRecorded.put(row[0] + "|" + row[1] + "|" + row[2], toInstant(row[3]));
        }

        List<Month> months = new ArrayList<>();
        int ended = FiscalCalendar.monthsElapsed(fiscalYear, asOf);
        for (YearMonth month : FiscalCalendar.months(fiscalYear).subList(0, ended)) {
            LocalDate deadline = Deadlines.deadline(month, config.deadlineBusinessDays());
            Instant due = deadline.plusDays(1).atStartOfDay(config.zone()).toInstant();
            List<Expected> missing = new ArrayList<>();
            List<Late> late = new ArrayList<>();
            int received = 0;
            for (IndicatorEvent indicator : indicators) {
                Instant first = firstRecorded.get(indicator.code() + "|" + indicator.department() + "|" + month);
                if (first == null) {
                    missing.add(new Expected(indicator.code(), indicator.department()));
                    continue;
                }
                received++;
                if (!first.isBefore(due)) {
                    late.add(new Late(indicator.code(), indicator.department(), first));
                }
            }
            months.add(new Month(month, deadline, indicators.size(), received, received - late.size(), missing, late));
        }
        return months;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((ZonedDateTime) value).toInstant();
    }
}
