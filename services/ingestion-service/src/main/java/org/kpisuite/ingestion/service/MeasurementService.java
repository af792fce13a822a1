package org.kpisuite.ingestion.service;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Openness;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.ingestion.domain.ClosedMonth;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.problem.TextRules;

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

    /** A row that passed {@link #validate}: its key, period and indicator; or the reason it did not. */
    public record Checked(MeasurementKey key, Period period, IndicatorEvent indicator, Rejection rejection) {

        static Checked rejected(Rejection rejection) {
            return new Checked(null, null, null, rejection);
        }

        public boolean ok() {
            return rejection == null;
        }
    }

    /** Where validation finds indicators, loaded once for a batch or a group of submissions. */
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
        String field = request.period() != null ? "period" : "month";
        if (request.periodText() == null) {
            return Checked.rejected(Rejection.malformed("period", "period.required"));
        }
        if (request.period() != null && request.month() != null && !request.period().equals(request.month())) {
            return Checked.rejected(Rejection.malformed("period", "period.both", request.period(), request.month()));
        }
        Period period = Period.parse(request.periodText()).orElse(null);
        if (period == null || (request.period() == null && period.frequency() != Frequency.MONTHLY)) {
            return Checked.rejected(Rejection.malformed(field, request.period() == null ? "month.malformed"
                    : "period.malformed"));
        }
        if (!FiscalCalendar.isPlausibleYear(period.fiscalYear())) {
            return Checked.rejected(Rejection.malformed(field, "period.out_of_range", request.periodText(),
                    String.valueOf(period.fiscalYear()), String.valueOf(FiscalCalendar.MIN_YEAR),
                    String.valueOf(FiscalCalendar.MAX_YEAR)));
        }
        IndicatorReplica replica = lookup.replica(request.indicatorCode());
        if (replica == null) {
            return Checked.rejected(Rejection.invalid("unknown_indicator", "indicatorCode", "unknown_indicator",
                    request.indicatorCode()));
        }
        // A submitter's department is the token's; an administrator names the department it submits for.
        String department = TextRules.blank(request.department()) ? null : request.department();
        if (submitter.department() != null) {
            if (department != null && !department.equals(submitter.department())) {
                return Checked.rejected(Rejection.forbidden("department", "department.other", submitter.department(),
                        department));
            }
            department = submitter.department();
        } else if (department == null) {
            return Checked.rejected(Rejection.malformed("department", "department.required"));
        }
        if (!replica.department.equals(department)) {
            return Checked.rejected(submitter.department() != null
                    ? Rejection.forbidden("indicatorCode", "department.not_reporting", replica.code, replica.department,
                            department)
                    : Rejection.invalid("wrong_department", "department", "department.wrong", replica.code,
                            replica.department, department));
        }
        IndicatorEvent indicator = lookup.indicator(replica);
        if (period.frequency() != indicator.frequency()) {
            // A period the indicator does not use: a quarterly survey has no May value, a monthly count no Q1.
            return Checked.rejected(Rejection.malformedAs("wrong_frequency", field, "period.wrong_frequency",
                    indicator.code(), indicator.frequency().name(), indicator.frequency().example(), period.toString()));
        }
        if (period.firstMonth().isAfter(YearMonth.from(LocalDate.now(config.zone())))) {
            return Checked.rejected(Rejection.invalid("future_month", field, "future_period", period.toString()));
        }
        int fiscalYear = period.fiscalYear();
        // A retired indicator still takes the values of the years it was active (late months, corrections); one
        // retired without a last year (an event that names none) takes nothing.
        if (replica.retired && (indicator.lastFiscalYear() == null || fiscalYear > indicator.lastFiscalYear())) {
            return Checked.rejected(indicator.lastFiscalYear() == null
                    ? Rejection.invalid("retired_indicator", "indicatorCode", "retired_indicator.always", replica.code)
                    : Rejection.invalid("retired_indicator", field, "retired_indicator", replica.code,
                            String.valueOf(indicator.lastFiscalYear()), period.toString()));
        }
        if (!indicator.activeIn(fiscalYear)) {
            return Checked.rejected(indicator.lastFiscalYear() == null
                    ? Rejection.invalid("outside_fiscal_years", field, "outside_fiscal_years", period.toString(),
                            String.valueOf(fiscalYear), replica.code, String.valueOf(indicator.firstFiscalYear()))
                    : Rejection.invalid("outside_fiscal_years", field, "outside_fiscal_years.to", period.toString(),
                            String.valueOf(fiscalYear), replica.code, String.valueOf(indicator.firstFiscalYear()),
                            String.valueOf(indicator.lastFiscalYear())));
        }
        Rejection member = checkMember("component", request.component(), indicator.components(), indicator.code());
        // A blank component or breakdown is none (TextRules.blank), in the check and in the key alike.
        String component = TextRules.blank(request.component()) ? null : request.component();
        String breakdown = TextRules.blank(request.breakdown()) ? null : request.breakdown();
        if (member == null) {
            if (indicator.breakdown() != null && indicator.breakdown().openness() == Openness.FREE) {
                // A name or code as people type it: the same body written in full-width or with extra spaces is one.
                breakdown = breakdown == null ? null
                        : Normalizer.normalize(breakdown, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
                if (breakdown == null || breakdown.isEmpty()) {
                    member = Rejection.invalid("unknown_breakdown", "breakdown", "member.free_blank",
                            indicator.breakdown().dimension(), indicator.code());
                } else if (breakdown.length() > MeasurementRequest.MAX_BREAKDOWN) {
                    // NFKC can lengthen text (U+FDFA is 18 characters): the stored form must fit the column too.
                    member = Rejection.malformed("breakdown", "member.free_too_long",
                            String.valueOf(breakdown.length()), String.valueOf(MeasurementRequest.MAX_BREAKDOWN));
                }
            } else {
                member = checkBreakdown(breakdown, indicator);
            }
        }
        if (member != null) {
            return Checked.rejected(member);
        }
        if (request.value().signum() < 0 && !indicator.allowsNegative()) {
            return Checked.rejected(Rejection.invalid("negative_value", "value", "negative_value", indicator.code(),
                    indicator.unit()));
        }
        if (indicator.aggregation() == IndicatorEvent.Aggregation.DISTINCT_COUNT
                && request.value().compareTo(BigDecimal.ONE) != 0 && request.value().signum() != 0) {
            return Checked.rejected(Rejection.invalid("distinct_count_value", "value", "distinct_count_value",
                    indicator.code(), indicator.unit()));
        }
        MeasurementKey key = new MeasurementKey(indicator.code(), component, breakdown, department,
                period.toString());
        return new Checked(key, period, indicator, null);
    }

    /**
     * The rejection of a value whose period ends in a closed month (closing March closes Q4, H2 and the year), in
     * the field the request named its period with.
     */
    static Rejection closed(ClosedMonth c, MeasurementRequest request, Period period) {
        String field = request.period() != null ? "period" : "month";
        String what = period.frequency() == Frequency.MONTHLY ? c.month() : period + " (" + c.month() + ")";
        if (c.indicatorCode() == null && c.department() == null) {
            return Rejection.closed(field, "closed.every", what);
        }
        if (c.indicatorCode() == null) {
            return Rejection.closed(field, "closed.department", what, c.department());
        }
        return c.department() == null ? Rejection.closed(field, "closed.indicator", what, c.indicatorCode())
                : Rejection.closed(field, "closed.both", what, c.indicatorCode(), c.department());
    }

    /** The same value and note as the current revision: nothing to store. */
    public static boolean unchanged(MeasurementRequest request, Measurement current) {
        return current != null && current.value.compareTo(request.value()) == 0
                && Objects.equals(current.note, request.note());
    }

    /** A correction of a stored value needs a reason; null when the request may be stored. */
    public static Rejection checkCorrection(MeasurementRequest request, Measurement current) {
        if (current != null && TextRules.blank(request.reason())) {
            return Rejection.invalid("correction_without_reason", "reason", "correction_without_reason",
                    String.valueOf(current.revision), current.value.stripTrailingZeros().toPlainString());
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
        m.fiscalYear = checked.period().fiscalYear();
        m.value = request.value();
        m.revision = current == null ? 1 : current.revision + 1;
        m.note = request.note();
        // Kept on a first revision too: it is what the submitter wrote (e.g. why a value is late), and its event
        // carries it as a correction's does.
        m.reason = TextRules.blank(request.reason()) ? null : request.reason();
        m.recordedBy = submitter.name();
        m.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        return m;
    }

    /** A part of the key that the indicator defines (components, breakdown values) must be one of them. */
    private static Rejection checkMember(String field, String given, List<String> allowed, String code) {
        boolean blank = TextRules.blank(given);
        if (allowed.isEmpty() && !blank) {
            return Rejection.invalid("unknown_" + field, field, "member.none", code, field);
        }
        if (!allowed.isEmpty() && (blank || !allowed.contains(given))) {
            return Rejection.invalid("unknown_" + field, field, "member.one_of", String.join(", ", allowed), code);
        }
        return null;
    }

    /** A breakdown value: one of the list, or also {@value IndicatorEvent#OTHER} where the list is open (「など」). */
    private static Rejection checkBreakdown(String given, IndicatorEvent indicator) {
        var breakdown = indicator.breakdown();
        if (breakdown == null || breakdown.openness() == null || breakdown.openness() == Openness.CLOSED) {
            return checkMember("breakdown", given, breakdown == null ? List.of() : breakdown.values(), indicator.code());
        }
        if (given == null || !breakdown.accepts(given)) {
            return Rejection.invalid("unknown_breakdown", "breakdown", "member.one_of_or_other",
                    String.join(", ", breakdown.values()), indicator.code());
        }
        return null;
    }
}
