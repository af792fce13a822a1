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
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.IndicatorView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which expected values are missing or came after their period's deadline. A monthly indicator that is a flow
 * (SUM, AVERAGE, MAX, YOY_CHANGE) is expected every month from its owning department; monthly levels and surveys
 * (LAST, RATIO) are reported when measured, so a month without one is not missing. An indicator with another
 * frequency is expected once in each of its periods (a half-yearly committee after September and March, an annual
 * survey after March), whatever its aggregation. A distinct count is never missing: a period without a new body
 * has nothing to report.
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

    /**
     * One ended period of one frequency.
     *
     * @param month the month of a monthly period; null for a quarter, a half or the year
     */
    public record Month(@Schema(implementation = String.class, pattern = "^\\d{4}-\\d{2}$", example = "2024-04",
            nullable = true) YearMonth month,
            LocalDate deadline, int expected, int received, int onTime,
            List<Expected> missing, List<Late> late,
            @Schema(example = "2024-04", description = "2024-05, 2024-Q1, 2024-H1 or FY2024") String period,
            @Schema(example = "MONTHLY") Frequency frequency) {
    }

    /** Whether the indicator is expected in every period of its frequency. */
    static boolean expectedEachPeriod(IndicatorEvent i) {
        if (i.referenceOnly() || i.aggregation() == null || i.aggregation() == Aggregation.DISTINCT_COUNT) {
            return false;
        }
        return i.frequency() != Frequency.MONTHLY || MONTHLY.contains(i.aggregation());
    }

    public java.time.ZoneId zone() {
        return config.zone();
    }

    /**
     * The periods of the fiscal year that ended by asOf, of every frequency an expected indicator has, in the order
     * of their deadlines, as known at the end of that day.
     */
    @SuppressWarnings("unchecked")
    public List<Month> completeness(int fiscalYear, LocalDate asOf) {
        List<IndicatorEvent> indicators = IndicatorView.<IndicatorView>listAll().stream()
                .map(v -> InboundEvent.read(mapper, v.state, IndicatorEvent.class))
                // An aggregation a newer producer added reads as null (unknown here): not known to be monthly.
                .filter(i -> i.activeIn(fiscalYear) && expectedEachPeriod(i))
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
            firstRecorded.put(row[0] + "|" + row[1] + "|" + row[2].toString().trim(), toInstant(row[3]));
        }

        List<Month> months = new ArrayList<>();
        for (Frequency frequency : Frequency.values()) {
            List<IndicatorEvent> ofFrequency = indicators.stream().filter(i -> i.frequency() == frequency).toList();
            if (ofFrequency.isEmpty() && frequency != Frequency.MONTHLY) {
                continue;
            }
            for (Period period : Period.all(frequency, fiscalYear).subList(0, Period.ended(frequency, fiscalYear, asOf))) {
                months.add(period(period, ofFrequency, firstRecorded));
            }
        }
        months.sort(java.util.Comparator.comparing(Month::deadline).thenComparing(m -> m.frequency().months()));
        return months;
    }

    private Month period(Period period, List<IndicatorEvent> indicators, Map<String, Instant> firstRecorded) {
        String month = period.toString();
        {
            LocalDate deadline = Deadlines.deadline(period.lastMonth(), config.deadlineBusinessDays());
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
            return new Month(period.frequency() == Frequency.MONTHLY ? period.lastMonth() : null, deadline,
                    indicators.size(), received, received - late.size(), missing, late, month, period.frequency());
        }
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
