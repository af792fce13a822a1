package org.kpisuite.ingestion.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.domain.MeasurementKey;

@ApplicationScoped
public class MeasurementService {

    @Inject
    IngestionConfig config;

    @Inject
    IndicatorDefinitions definitions;

    @Inject
    GroupCommitter committer;

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

    /** Where validation finds indicators and closures, loaded once for a batch or a group of submissions. */
    public interface Lookup {
        IndicatorReplica replica(String code);

        IndicatorEvent indicator(IndicatorReplica replica);
    }

    /**
     * The indicators of every request, loaded once: the definitions from {@link IndicatorDefinitions} (one query of
     * their versions). Closed months are checked by the writer ({@link RevisionWriter#decide}), once it holds the
     * months' locks, since another replica may close a month at any time.
     */
    public Lookup lookup(Collection<MeasurementRequest> requests) {
        Set<String> codes = new TreeSet<>();
        for (MeasurementRequest request : requests) {
            if (request != null && request.indicatorCode() != null) {
                codes.add(request.indicatorCode());
            }
        }
        Map<String, IndicatorReplica> replicas = definitions.replicas(codes);
        return new Lookup() {
            @Override
            public IndicatorReplica replica(String code) {
                return replicas.get(code);
            }

            @Override
            public IndicatorEvent indicator(IndicatorReplica replica) {
                return definitions.indicator(replica);
            }

        };
    }

    /**
     * Stores the value as a new revision unless it equals the current one, and records its event in the same
     * transaction. A changed value needs a reason. Written together with the single submissions that arrive at
     * the same moment ({@link GroupCommitter}); the answer is this submission's own.
     */
    public java.util.concurrent.CompletionStage<Result> submit(MeasurementRequest request, Submitter submitter) {
        return committer.submit(request, submitter);
    }

    /**
     * Checks a value against its indicator, its department and the calendar, without touching the stored values;
     * the first rule it breaks is the rejection (a closed month is checked next, by the writer). Used for single
     * values and batch rows.
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
        m.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
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
}
