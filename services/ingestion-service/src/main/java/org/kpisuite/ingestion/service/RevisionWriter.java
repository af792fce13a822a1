package org.kpisuite.ingestion.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.fiscal.Period;
import org.kpisuite.ingestion.domain.ClosedMonth;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.ingestion.domain.MeasurementStore;
import org.kpisuite.ingestion.domain.MeasurementStore.Series;
import org.kpisuite.ingestion.events.MeasurementEvents;

/**
 * The one write path of values, for a batch and for a group of single submissions alike: lock the keys written,
 * read their current revisions, the outlier window and the closures' version (one query), decide what each
 * submission does, then insert the new revisions (with the revisions in force) and their events with one statement
 * each.
 */
@ApplicationScoped
public class RevisionWriter {

    @Inject
    EntityManager entityManager;

    @Inject
    MeasurementEvents events;

    @Inject
    Closures closures;

    /** Months of history a multiple-of-history rule reads (ValueRules). */
    private static final int HISTORY_RULE_MONTHS = 36;

    /** A value that passed validation: what was asked, by whom, and the traceparent of its request (or null). */
    public record Submission(MeasurementRequest request, MeasurementService.Checked checked, Submitter submitter,
            String traceParent) {
    }

    /**
     * What a submission does: a new revision (CREATED, CORRECTED, with its flags and the outlier reason if any),
     * nothing (UNCHANGED, with the current revision), or a rejection (a correction without reason).
     */
    public record Decision(Submission submission, SubmissionOutcome outcome, Measurement measurement,
            List<String> flags, String outlier, Rejection rejection) {

        public boolean stores() {
            return rejection == null && outcome != SubmissionOutcome.UNCHANGED;
        }
    }

    /**
     * Decides the submissions in their order, as if each were alone and one after the other: a later submission of
     * the same key sees the revision an earlier one makes. With {@code lock}, the keys stay locked until the caller's
     * transaction ends; without (a dry run), nothing waits and nothing may be stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Decision> decide(List<Submission> submissions, boolean lock) {
        Set<MeasurementKey> keys = new LinkedHashSet<>();
        submissions.forEach(s -> keys.add(s.checked().key()));
        if (lock) {
            MeasurementStore.lock(entityManager, keys);
        }
        RuleContext rules = new RuleContext(submissions);
        // One query: the revisions in force of the keys (and of the other component of a ratio's keys), the history
        // window of their series (as long as the longest rule of the call needs), and the closures' version.
        MeasurementStore.Stored read = MeasurementStore.read(entityManager, rules.withCounterparts(keys),
                rules.historyMonths());
        Map<MeasurementKey, Measurement> current = read.current();
        rules.stored(current, read.history());
        // The closures in force now, which the months' locks keep so until we commit (cached per version).
        Closures.Known closed = closures.at(read.closureVersion());

        List<Decision> decisions = new ArrayList<>(submissions.size());
        for (Submission s : submissions) {
            MeasurementKey key = s.checked().key();
            // A period is closed with the month it ends in (closing March closes Q4, H2 and the year).
            Period period = s.checked().period();
            Optional<ClosedMonth> closure = closed.covering(period.lastMonth().toString(), key.indicatorCode(),
                    key.department());
            if (closure.isPresent()) {
                decisions.add(new Decision(s, null, null, null, null,
                        MeasurementService.closed(closure.get(), s.request(), period)));
                continue;
            }
            Measurement stored = current.get(key);
            if (MeasurementService.unchanged(s.request(), stored)) {
                decisions.add(new Decision(s, SubmissionOutcome.UNCHANGED, stored, List.of(), null, null));
                continue;
            }
            Rejection correction = MeasurementService.checkCorrection(s.request(), stored);
            if (correction != null) {
                decisions.add(new Decision(s, null, null, null, null, correction));
                continue;
            }
            List<ValueRules.Broken> broken = ValueRules.check(s.checked().indicator(), key, s.checked().period(),
                    s.request().value(), rules);
            var rejecting = broken.stream().filter(ValueRules.Broken::rejects).findFirst();
            if (rejecting.isPresent()) {
                decisions.add(new Decision(s, null, null, null, null, rejecting.get().rejection()));
                continue;
            }
            Measurement m = MeasurementService.newRevision(s.request(), s.checked(), stored, s.submitter());
            current.put(key, m);
            decisions.add(new Decision(s, stored == null ? SubmissionOutcome.CREATED : SubmissionOutcome.CORRECTED, m,
                    broken.stream().map(ValueRules.Broken::flag).toList(),
                    broken.isEmpty() ? null : String.join("; ", broken.stream().map(b -> b.rejection().reason()).toList()),
                    null));
        }
        return flagOutliers(decisions, read.history());
    }

    /** Each new value against the window of its series, including the other new values of the same call. */
    private static List<Decision> flagOutliers(List<Decision> decisions, Map<Series, TreeMap<String, BigDecimal>> history) {
        decisions.stream().filter(Decision::stores)
                .forEach(d -> history.get(Series.of(d.measurement().key())).put(d.measurement().period, d.measurement().value));
        List<Decision> flagged = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            if (!d.stores()) {
                flagged.add(d);
                continue;
            }
            Period period = d.submission().checked().period();
            String from = period.minus(Outliers.WINDOW_MONTHS / period.frequency().months()).toString();
            // The window's periods of the value's own frequency (a quarter's text sorts among the months).
            List<BigDecimal> earlier = new ArrayList<>(Outliers.WINDOW_MONTHS);
            for (var e : history.get(Series.of(d.measurement().key())).subMap(from, true, period.toString(), false)
                    .entrySet()) {
                Optional<Period> p = Period.parse(e.getKey());
                if (p.isPresent() && p.get().frequency() == period.frequency()) {
                    earlier.add(e.getValue());
                }
            }
            Optional<String> reason = Outliers.check(d.measurement().value, earlier);
            if (reason.isEmpty()) {
                flagged.add(d);
                continue;
            }
            List<String> flags = new ArrayList<>(List.of(Outliers.FLAG));
            flags.addAll(d.flags());
            flagged.add(new Decision(d.submission(), d.outcome(), d.measurement(), flags,
                    d.outlier() == null ? reason.get() : reason.get() + "; " + d.outlier(), null));
        }
        return flagged;
    }

    /**
     * What the indicators' rules read besides the value: the other component of a ratio's key and the series'
     * history, from the stored values in force and this call's submissions (so that a batch is checked the same
     * whatever the order of its rows). Reads nothing when no indicator of the call has such a rule.
     */
    private final class RuleContext implements ValueRules.Context {
        private final Map<MeasurementKey, BigDecimal> submitted = new java.util.HashMap<>();
        private final Set<String> ratioRules = new java.util.HashSet<>();
        private final Set<String> historyRules = new java.util.HashSet<>();
        private Map<MeasurementKey, Measurement> stored = Map.of();
        private Map<Series, TreeMap<String, BigDecimal>> history = Map.of();

        RuleContext(List<Submission> submissions) {
            for (Submission s : submissions) {
                submitted.put(s.checked().key(), s.request().value());
                for (var rule : s.checked().indicator().rules()) {
                    if (rule.kind() == IndicatorEvent.RuleKind.NUMERATOR_AT_MOST_DENOMINATOR) {
                        ratioRules.add(s.checked().indicator().code());
                    } else if (rule.kind() == IndicatorEvent.RuleKind.MAX_MULTIPLE_OF_HISTORY) {
                        historyRules.add(s.checked().indicator().code());
                    }
                }
            }
        }

        Set<MeasurementKey> withCounterparts(Set<MeasurementKey> keys) {
            if (ratioRules.isEmpty()) {
                return keys;
            }
            Set<MeasurementKey> all = new LinkedHashSet<>(keys);
            keys.stream().filter(k -> ratioRules.contains(k.indicatorCode())).forEach(k -> {
                all.add(other(k, IndicatorEvent.NUMERATOR));
                all.add(other(k, IndicatorEvent.DENOMINATOR));
            });
            return all;
        }

        /** Months of history the call's rules read: 36 for a multiple-of-history rule, else the outlier window. */
        int historyMonths() {
            return historyRules.isEmpty() ? Outliers.WINDOW_MONTHS : Math.max(Outliers.WINDOW_MONTHS, HISTORY_RULE_MONTHS);
        }

        /** The stored values in force read for the call, and its series' history (copied: the rules see this call's
         * submissions in it, the outlier check only the values it stores). */
        void stored(Map<MeasurementKey, Measurement> current, Map<Series, TreeMap<String, BigDecimal>> read) {
            stored = Map.copyOf(current);
            if (!historyRules.isEmpty()) {
                history = new java.util.HashMap<>();
                read.forEach((series, values) -> {
                    if (historyRules.contains(series.indicatorCode())) {
                        history.put(series, new TreeMap<>(values));
                    }
                });
                submitted.forEach((k, v) -> {
                    var series = history.get(Series.of(k));
                    if (series != null) {
                        series.put(k.month(), v);
                    }
                });
            }
        }

        @Override
        public BigDecimal counterpart(MeasurementKey key, String component) {
            MeasurementKey other = other(key, component);
            BigDecimal value = submitted.get(other);
            Measurement m = stored.get(other);
            return value != null ? value : m == null ? null : m.value;
        }

        @Override
        public java.util.NavigableMap<String, BigDecimal> history(MeasurementKey key) {
            return history.getOrDefault(Series.of(key), new TreeMap<>());
        }

        private MeasurementKey other(MeasurementKey k, String component) {
            return new MeasurementKey(k.indicatorCode(), component, k.breakdown(), k.department(), k.month());
        }
    }

    /** Inserts the new revisions of the decisions and records their events, in their order, in one statement each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<Decision> decisions) {
        List<Decision> stored = decisions.stream().filter(Decision::stores).toList();
        if (stored.isEmpty()) {
            return;
        }
        stored.forEach(d -> d.measurement().flags = d.flags().isEmpty() ? null : String.join(",", d.flags()));
        MeasurementStore.insert(entityManager, stored.stream().map(Decision::measurement).toList());
        events.recordedAll(stored.stream().map(d -> new MeasurementEvents.Recorded(d.measurement(), d.flags(),
                d.submission().traceParent())).toList());
    }
}
