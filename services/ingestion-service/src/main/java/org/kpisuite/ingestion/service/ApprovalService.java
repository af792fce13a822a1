package org.kpisuite.ingestion.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasurementApprovalEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.Period;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.ingestion.domain.MeasurementReviews;
import org.kpisuite.ingestion.domain.MeasurementStore;
import org.kpisuite.messaging.Outbox;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.TextRules;

/**
 * The review of submitted values: an approver of a value's department (or an administrator) approves the revision in
 * force or returns it with a comment. Each decision is a step kept with who and when, published on the measurements
 * topic with the value's key, in the same transaction. A request's decisions are taken whole or not at all.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String PROVISIONAL = "PROVISIONAL";

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    Closures closures;

    @Schema(name = "ApprovalOutcome", description = "What a decision did: RECORDED as a new step, or UNCHANGED when the "
            + "same decision on the same revision was the latest already")
    public record Outcome(String indicatorCode, String component, String breakdown, String department, String period,
            int revision, MeasurementApprovalEvent.Decision decision, int step, String outcome) {
    }

    @Transactional
    public List<Outcome> decide(ApprovalRequest request, Submitter approver) {
        List<ApprovalRequest.Decision> decisions = request.decisions();
        List<Problem.Violation> refused = new ArrayList<>();
        Set<MeasurementKey> keys = new LinkedHashSet<>();
        Map<Map.Entry<MeasurementKey, Integer>, Integer> firstOn = new java.util.HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            ApprovalRequest.Decision d = decisions.get(i);
            // One request says one thing about a revision: approving and returning it at once would record both
            // steps and leave the last one standing. The same decision twice is counted once (UNCHANGED below).
            Integer first = firstOn.putIfAbsent(Map.entry(key(d), d.revision()), i);
            if (first != null && !sameDecision(decisions.get(first), d)) {
                ApprovalRequest.Decision earlier = decisions.get(first);
                boolean other = earlier.decision() != d.decision();
                throw ProblemException.badRequest("decisions[" + i + "]." + (other ? "decision" : "comment"),
                        "contradicts decisions[" + first + "], which " + (other ? "is " + earlier.decision()
                                : "has another comment") + " for the same value and revision; decide once per revision");
            }
            if (approver.department() != null && !approver.department().equals(d.department())) {
                throw new ProblemException(403, "forbidden", "Forbidden", "decisions[" + i + "].department: an approver "
                        + "of " + approver.department() + " decides on that department's values, not " + d.department(),
                        List.of(new Problem.Violation("decisions[" + i + "].department", "not the approver's department")));
            }
            if (d.decision() == MeasurementApprovalEvent.Decision.RETURNED && TextRules.blank(d.comment())) {
                refused.add(new Problem.Violation("decisions[" + i + "].comment",
                        "is required to return a value: say what the department should look at"));
            }
            keys.add(key(d));
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(422, "validation", "Invalid request", refused.get(0).field() + ": "
                    + refused.get(0).reason(), refused);
        }
        // The same locks as a submission of these keys: a correction and a decision on it take turns, and no month
        // decided on is closed or reopened meanwhile.
        MeasurementStore.lock(entityManager, keys);
        Closures.Known closed = closures.at(((Number) entityManager.createNativeQuery(
                "select version from closure_version where id = 1").getSingleResult()).longValue());
        Map<MeasurementKey, MeasurementReviews.InForce> inForce = MeasurementReviews.inForce(entityManager, keys);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Outcome> outcomes = new ArrayList<>();
        List<MeasurementReviews.Step> steps = new ArrayList<>();
        Map<MeasurementKey, Integer> lastStep = new java.util.HashMap<>();
        Map<MeasurementKey, MeasurementReviews.Step> latest = new java.util.HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            ApprovalRequest.Decision d = decisions.get(i);
            MeasurementKey key = key(d);
            MeasurementReviews.InForce current = inForce.get(key);
            if (current == null) {
                throw ProblemException.unknownField("decisions[" + i + "]", "no value of " + d.indicatorCode()
                        + " for " + d.department() + " in " + d.period() + " was submitted");
            }
            // A closed month is locked: its values and their review stand as they are until it is reopened.
            String lastMonth = Period.parse(d.period()).map(p -> p.lastMonth().toString()).orElse(d.period());
            var closure = closed.covering(lastMonth, d.indicatorCode(), d.department());
            if (closure.isPresent()) {
                throw ProblemException.conflict("decisions[" + i + "].period", "month " + lastMonth + " is closed: "
                        + "its values and their review are locked until an administrator reopens it");
            }
            if (current.revision() != d.revision()) {
                throw ProblemException.conflict("decisions[" + i + "].revision", "the value is at revision "
                        + current.revision() + " now, not " + d.revision() + ": review the revision in force");
            }
            MeasurementReviews.Step before = latest.get(key);
            String decision = before != null ? before.decision() : current.decision();
            String comment = before != null ? before.comment() : current.comment();
            String asked = blankToNull(d.comment());
            int last = lastStep.getOrDefault(key, current.lastStep());
            if (d.decision().name().equals(decision) && Objects.equals(asked, comment)) {
                outcomes.add(outcome(d, last, "UNCHANGED"));
                continue;
            }
            MeasurementReviews.Step step = new MeasurementReviews.Step(key, last + 1, d.revision(), d.decision().name(),
                    asked, approver.name(), now);
            steps.add(step);
            latest.put(key, step);
            lastStep.put(key, step.step());
            outcomes.add(outcome(d, step.step(), "RECORDED"));
        }
        MeasurementReviews.insert(entityManager, steps);
        outbox.recordAll(Topics.MEASUREMENTS, MeasurementApprovalEvent.AGGREGATE_TYPE, MeasurementApprovalEvent.TYPE_DECIDED,
                steps.stream().map(s -> new Outbox.Entry(s.key().indicatorCode(), event(s))).toList());
        return outcomes;
    }

    /** What waits in a state (PROVISIONAL for approvers, RETURNED for the department), flagged values first. */
    public List<MeasurementReviews.Waiting> waiting(String state, String department, Integer fiscalYear, int limit) {
        return MeasurementReviews.waiting(entityManager, state, department, fiscalYear, limit);
    }

    public List<MeasurementReviews.Step> steps(MeasurementKey key) {
        return MeasurementReviews.steps(entityManager, key);
    }

    static MeasurementApprovalEvent event(MeasurementReviews.Step s) {
        return new MeasurementApprovalEvent(s.key().indicatorCode(), emptyToNull(s.key().component()),
                emptyToNull(s.key().breakdown()), s.key().department(), s.key().month(), s.revision(), s.step(),
                MeasurementApprovalEvent.Decision.valueOf(s.decision()), s.comment(), s.decidedBy(), s.decidedAt());
    }

    private static MeasurementKey key(ApprovalRequest.Decision d) {
        return new MeasurementKey(d.indicatorCode(), d.component(), d.breakdown(), d.department(), d.period());
    }

    private static boolean sameDecision(ApprovalRequest.Decision a, ApprovalRequest.Decision b) {
        return a.decision() == b.decision() && Objects.equals(blankToNull(a.comment()), blankToNull(b.comment()));
    }

    private static Outcome outcome(ApprovalRequest.Decision d, int step, String outcome) {
        MeasurementKey key = key(d);
        return new Outcome(d.indicatorCode(), emptyToNull(key.component()), emptyToNull(key.breakdown()), d.department(),
                d.period(), d.revision(), d.decision(), step, outcome);
    }

    private static String blankToNull(String text) {
        return TextRules.blank(text) ? null : text.strip();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
