package org.kpisuite.ingestion.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
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
import org.kpisuite.ingestion.events.MeasurementEvents;
import org.kpisuite.ingestion.rest.MeasurementRequest;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.problem.ProblemException;

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

    public record Result(Measurement measurement, SubmissionOutcome outcome) {
    }

    /**
     * Stores the value as a new revision unless it equals the current one, and records its event in the same
     * transaction. A changed value needs a reason.
     */
    @Transactional
    public Result submit(MeasurementRequest request, Submitter submitter) {
        YearMonth month = FiscalCalendar.parseMonth(request.month())
                .orElseThrow(() -> ProblemException.invalidField("month", "must be a month formatted YYYY-MM"));
        IndicatorEvent indicator = validIndicator(request, submitter, month);
        MeasurementKey key = new MeasurementKey(indicator.code(), request.component(), request.breakdown(),
                request.department(), request.month());

        // Serialises submissions of the same key, so that two concurrent ones cannot take the same revision.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", key.toString()).getSingleResult();
        Measurement current = Measurement.latest(key).orElse(null);
        if (current != null && current.value.compareTo(request.value()) == 0
                && Objects.equals(current.note, request.note())) {
            return new Result(current, SubmissionOutcome.UNCHANGED);
        }
        if (current != null && (request.reason() == null || request.reason().isBlank())) {
            throw ProblemException.invalidField("reason", "a correction of revision " + current.revision
                    + " (value " + current.value.stripTrailingZeros().toPlainString() + ") needs a reason");
        }

        Measurement m = new Measurement();
        m.id = UUID.randomUUID();
        m.indicatorCode = key.indicatorCode();
        m.component = key.component();
        m.breakdown = key.breakdown();
        m.department = key.department();
        m.period = key.month();
        m.fiscalYear = FiscalCalendar.fiscalYearOf(month);
        m.value = request.value();
        m.revision = current == null ? 1 : current.revision + 1;
        m.note = request.note();
        m.reason = current == null ? null : request.reason();
        m.recordedBy = submitter.name();
        m.recordedAt = Instant.now();
        m.persist();
        events.recorded(m);
        return new Result(m, current == null ? SubmissionOutcome.CREATED : SubmissionOutcome.CORRECTED);
    }

    private IndicatorEvent validIndicator(MeasurementRequest request, Submitter submitter, YearMonth month) {
        IndicatorReplica replica = IndicatorReplica.findById(request.indicatorCode());
        if (replica == null) {
            throw ProblemException.invalidField("indicatorCode", "no indicator has code " + request.indicatorCode());
        }
        if (replica.retired) {
            throw ProblemException.invalidField("indicatorCode", "indicator " + replica.code + " is retired");
        }
        if (submitter.department() != null && !submitter.department().equals(request.department())) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "you submit for department " + submitter.department() + " only", null);
        }
        if (!replica.department.equals(request.department())) {
            throw ProblemException.invalidField("department", "indicator " + replica.code + " is reported by "
                    + replica.department + ", not " + request.department());
        }
        if (month.isAfter(YearMonth.from(LocalDate.now(config.zone())))) {
            throw ProblemException.invalidField("month", request.month() + " is in the future");
        }
        IndicatorEvent indicator = read(replica);
        int fiscalYear = FiscalCalendar.fiscalYearOf(month);
        if (!indicator.activeIn(fiscalYear)) {
            throw ProblemException.invalidField("month", request.month() + " is in FY" + fiscalYear
                    + ", outside the fiscal years of indicator " + replica.code + " (from FY" + indicator.firstFiscalYear()
                    + (indicator.lastFiscalYear() == null ? "" : " to FY" + indicator.lastFiscalYear()) + ")");
        }
        checkMember("component", request.component(), indicator.components(), indicator.code());
        checkMember("breakdown", request.breakdown(),
                indicator.breakdown() == null ? List.of() : indicator.breakdown().values(), indicator.code());
        if (request.value().signum() < 0 && !indicator.allowsNegative()) {
            throw ProblemException.invalidField("value", "indicator " + indicator.code() + " counts "
                    + indicator.unit() + ", which cannot be negative");
        }
        return indicator;
    }

    /** A part of the key that the indicator defines (components, breakdown values) must be one of them. */
    private static void checkMember(String field, String given, List<String> allowed, String code) {
        boolean blank = given == null || given.isBlank();
        if (allowed.isEmpty() && !blank) {
            throw ProblemException.invalidField(field, "indicator " + code + " has no " + field);
        }
        if (!allowed.isEmpty() && (blank || !allowed.contains(given))) {
            throw ProblemException.invalidField(field, "must be one of " + String.join(", ", allowed) + " for indicator " + code);
        }
    }

    private IndicatorEvent read(IndicatorReplica replica) {
        return InboundEvent.read(mapper, replica.state, IndicatorEvent.class);
    }
}
