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
        MeasurementStore.Stored read = MeasurementStore.read(entityManager, keys, Outliers.WINDOW_MONTHS);
        Map<MeasurementKey, Measurement> current = read.current();
        // The closures in force now, which the months' locks keep so until we commit (cached per version).
        Closures.Known closed = closures.at(read.closureVersion());

        List<Decision> decisions = new ArrayList<>(submissions.size());
        for (Submission s : submissions) {
            MeasurementKey key = s.checked().key();
            Optional<ClosedMonth> closure = closed.covering(key.month(), key.indicatorCode(), key.department());
            if (closure.isPresent()) {
                decisions.add(new Decision(s, null, null, null, null, Rejection.closed("month", closure.get().describe())));
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
            Measurement m = MeasurementService.newRevision(s.request(), s.checked(), stored, s.submitter());
            current.put(key, m);
            decisions.add(new Decision(s, stored == null ? SubmissionOutcome.CREATED : SubmissionOutcome.CORRECTED, m,
                    List.of(), null, null));
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
            String month = d.measurement().period;
            String from = java.time.YearMonth.parse(month).minusMonths(Outliers.WINDOW_MONTHS).toString();
            var earlier = history.get(Series.of(d.measurement().key())).subMap(from, true, month, false).values();
            Optional<String> reason = Outliers.check(d.measurement().value, earlier);
            flagged.add(reason.isEmpty() ? d
                    : new Decision(d.submission(), d.outcome(), d.measurement(), List.of(Outliers.FLAG), reason.get(), null));
        }
        return flagged;
    }

    /** Inserts the new revisions of the decisions and records their events, in their order, in one statement each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<Decision> decisions) {
        List<Decision> stored = decisions.stream().filter(Decision::stores).toList();
        if (stored.isEmpty()) {
            return;
        }
        MeasurementStore.insert(entityManager, stored.stream().map(Decision::measurement).toList());
        events.recordedAll(stored.stream().map(d -> new MeasurementEvents.Recorded(d.measurement(), d.flags(),
                d.submission().traceParent())).toList());
    }
}
