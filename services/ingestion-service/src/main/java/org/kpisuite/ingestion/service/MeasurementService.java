package org.kpisuite.ingestion.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.ingestion.domain.PeriodClosure;
import org.kpisuite.ingestion.events.MeasurementEvents;
import org.kpisuite.ingestion.rest.MeasurementRequest;
import org.kpisuite.messaging.InboundEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

@ApplicationScoped
public class MeasurementService {

    @Inject
    MeasurementEvents events;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    IngestionConfig config;

    @Inject
    SubmissionMetrics metrics;

    public record Result(Measurement measurement, SubmissionOutcome outcome, List<String> flags) {
    }

    /** A row that passed {@link #validate}: its key, month and indicator; or the reason it did not. */
    public record Checked(MeasurementKey key, YearMonth month, IndicatorEvent indicator, Rejection rejection) {

        static Checked rejected(Rejection rejection) {
            return new Checked(null, null, null, rejection);
        }

        public boolean ok() {
            return rejection == null;
        }
    }

    /** Where validation finds indicators and closures: the database for one value, preloaded maps for a batch. */
    public interface Lookup {
        IndicatorReplica replica(String code);

        IndicatorEvent indicator(IndicatorReplica replica);

        Optional<PeriodClosure> closure(String month, String code, String department);
    }

    /** Looks up each thing when asked; for a single submission. */
    public Lookup direct() {
        return new Lookup() {
            @Override
            public IndicatorReplica replica(String code) {
                return IndicatorReplica.findById(code);
            }

            @Override
            public IndicatorEvent indicator(IndicatorReplica replica) {
                return read(replica);
            }

            @Override
            public Optional<PeriodClosure> closure(String month, String code, String department) {
                return PeriodClosure.covering(PeriodClosure.ofMonths(List.of(month)), month, code, department);
            }
        };
    }

    /**
     * Stores the value as a new revision unless it equals the current one, and records its event in the same
     * transaction. A changed value needs a reason.
     */
    @Transactional
    public Result submit(MeasurementRequest request, Submitter submitter) {
        Checked checked = validate(request, submitter, direct());
        if (!checked.ok()) {
            metrics.rejected(checked.rejection());
            throw checked.rejection().toException();
        }
        MeasurementKey key = checked.key();

        // A batch of the indicator holds this lock exclusively; single submissions share it.
        entityManager.createNativeQuery("select pg_advisory_xact_lock_shared(1, hashtext(:code))")
                .setParameter("code", key.indicatorCode()).getSingleResult();
        // Serialises submissions of the same key, so that two concurrent ones cannot take the same revision.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", key.toString()).getSingleResult();
        Measurement current = Measurement.latest(key).orElse(null);
        if (unchanged(request, current)) {
            metrics.accepted(SubmissionOutcome.UNCHANGED, 1);
            return new Result(current, SubmissionOutcome.UNCHANGED, List.of());
        }
        Rejection correction = checkCorrection(request, current);
        if (correction != null) {
            metrics.rejected(correction);
            throw correction.toException();
        }
        Measurement m = newRevision(request, checked, current, submitter);
        List<String> flags = Outliers.check(m.value, Measurement.earlierMonths(key).stream().map(e -> e.value).toList())
                .map(reason -> List.of(Outliers.FLAG)).orElse(List.of());
        m.persist();
        events.recorded(m, flags);
        SubmissionOutcome outcome = current == null ? SubmissionOutcome.CREATED : SubmissionOutcome.CORRECTED;
        metrics.accepted(outcome, 1);
        return new Result(m, outcome, flags);
    }

    /**
     * Checks a value against its indicator, its department, the calendar and the closed periods, without
     * touching the stored values; the first rule it breaks is the rejection. Used for single values and batch rows.
     */
    public Checked validate(MeasurementRequest request, Submitter submitter, Lookup lookup) {
        YearMonth month = FiscalCalendar.parseMonth(request.month()).orElse(null);
        if (month == null) {
            return Checked.rejected(Rejection.invalid("malformed", "month", "must be a month formatted YYYY-MM"));
        }
        IndicatorReplica replica = lookup.replica(request.indicatorCode());
        if (replica == null) {
            return Checked.rejected(Rejection.invalid("unknown_indicator", "indicatorCode", "no indicator has code " + request.indicatorCode()));
        }
        if (replica.retired) {
            return Checked.rejected(Rejection.invalid("retired_indicator", "indicatorCode", "indicator " + replica.code + " is retired"));
        }
        // A submitter's department is the token's; an administrator names the department it submits for.
        String department = request.department() == null || request.department().isBlank() ? null : request.department();
        if (submitter.department() != null) {
            if (department != null && !department.equals(submitter.department())) {
                return Checked.rejected(Rejection.forbidden("department", "you submit for department "
                        + submitter.department() + " only, not " + department));
            }
            department = submitter.department();
        } else if (department == null) {
            return Checked.rejected(Rejection.malformed("department",
                    "is required: an administrator names the department it submits for"));
        }
        if (!replica.department.equals(department)) {
            return Checked.rejected(submitter.department() != null
                    ? Rejection.forbidden("indicatorCode", "indicator " + replica.code + " is reported by department "
                            + replica.department + "; you submit for department " + department + " only")
                    : Rejection.invalid("wrong_department", "department", "indicator " + replica.code + " is reported by "
                            + replica.department + ", not " + department));
        }
        if (month.isAfter(YearMonth.from(LocalDate.now(config.zone())))) {
            return Checked.rejected(Rejection.invalid("future_month", "month", request.month() + " is in the future"));
        }
        IndicatorEvent indicator = lookup.indicator(replica);
        int fiscalYear = FiscalCalendar.fiscalYearOf(month);
        if (!indicator.activeIn(fiscalYear)) {
            return Checked.rejected(Rejection.invalid("outside_fiscal_years", "month", request.month() + " is in FY" + fiscalYear
                    + ", outside the fiscal years of indicator " + replica.code + " (from FY" + indicator.firstFiscalYear()
                    + (indicator.lastFiscalYear() == null ? "" : " to FY" + indicator.lastFiscalYear()) + ")"));
        }
        Rejection member = checkMember("component", request.component(), indicator.components(), indicator.code());
        if (member == null) {
            member = checkMember("breakdown", request.breakdown(),
                    indicator.breakdown() == null ? List.of() : indicator.breakdown().values(), indicator.code());
        }
        if (member != null) {
            return Checked.rejected(member);
        }
        if (request.value().signum() < 0 && !indicator.allowsNegative()) {
            return Checked.rejected(Rejection.invalid("negative_value", "value", "indicator " + indicator.code() + " counts "
                    + indicator.unit() + ", which cannot be negative"));
        }
        Optional<PeriodClosure> closure = lookup.closure(request.month(), replica.code, department);
        if (closure.isPresent()) {
            return Checked.rejected(Rejection.closed("month", closure.get().describe()));
        }
        MeasurementKey key = new MeasurementKey(indicator.code(), request.component(), request.breakdown(),
                department, request.month());
        return new Checked(key, month, indicator, null);
    }

    /** The same value and note as the current revision: nothing to store. */
    public static boolean unchanged(MeasurementRequest request, Measurement current) {
        return current != null && current.value.compareTo(request.value()) == 0
                && Objects.equals(current.note, request.note());
    }

    /** A correction of a stored value needs a reason; null when the request may be stored. */
    public static Rejection checkCorrection(MeasurementRequest request, Measurement current) {
        if (current != null && (request.reason() == null || request.reason().isBlank())) {
            return Rejection.invalid("correction_without_reason", "reason", "a correction of revision " + current.revision
                    + " (value " + current.value.stripTrailingZeros().toPlainString() + ") needs a reason");
        }
        return null;
    }

    /** The revision that follows {@code current} (or the first one), not yet persisted. */
    public static Measurement newRevision(MeasurementRequest request, Checked checked, Measurement current,
            Submitter submitter) {
        MeasurementKey key = checked.key();
        Measurement m = new Measurement();
        m.id = UUID.randomUUID();
        m.indicatorCode = key.indicatorCode();
        m.component = key.component();
        m.breakdown = key.breakdown();
        m.department = key.department();
        m.period = key.month();
        m.fiscalYear = FiscalCalendar.fiscalYearOf(checked.month());
        m.value = request.value();
        m.revision = current == null ? 1 : current.revision + 1;
        m.note = request.note();
        m.reason = current == null ? null : request.reason();
        m.recordedBy = submitter.name();
        m.recordedAt = Instant.now();
        return m;
    }

    /** A part of the key that the indicator defines (components, breakdown values) must be one of them. */
    private static Rejection checkMember(String field, String given, List<String> allowed, String code) {
        boolean blank = given == null || given.isBlank();
        if (allowed.isEmpty() && !blank) {
            return Rejection.invalid("unknown_" + field, field, "indicator " + code + " has no " + field);
        }
        if (!allowed.isEmpty() && (blank || !allowed.contains(given))) {
            return Rejection.invalid("unknown_" + field, field, "must be one of " + String.join(", ", allowed) + " for indicator " + code);
        }
        return null;
    }

    public IndicatorEvent read(IndicatorReplica replica) {
        return InboundEvent.read(mapper, replica.state, IndicatorEvent.class);
    }
}
