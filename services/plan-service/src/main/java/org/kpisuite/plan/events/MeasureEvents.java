package org.kpisuite.plan.events;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.CommentaryEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.Outbox;
import org.kpisuite.plan.domain.Commentary;
import org.kpisuite.plan.domain.Measure;
import org.kpisuite.plan.domain.MeasureChange;
import org.kpisuite.plan.domain.Milestone;
import org.kpisuite.plan.domain.Plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records, in the transaction of the change, the full state of a changed measure (with its milestones) in the
 * outbox and as a version of its history, and each revision of a commentary in the outbox.
 */
@ApplicationScoped
public class MeasureEvents {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    /** The measure was created or changed (its milestones included); it has been {@link Measure#touch touched}. */
    public MeasureEvent changed(Measure measure, MeasureChange.Change change) {
        return record(measure, change, false);
    }

    /**
     * The last state of a deleted measure, flagged removed, with a version above every earlier one. Called before
     * the measure's rows are deleted (its history goes with it; the topic keeps every version).
     */
    public MeasureEvent removed(Measure measure) {
        return record(measure, MeasureChange.Change.REMOVED, true);
    }

    public CommentaryEvent commentary(Measure measure, Commentary c) {
        CommentaryEvent event = new CommentaryEvent(measure.id, measure.planCode, fiscalYear(measure), measure.code,
                measure.department, c.period, c.revision, c.done, c.problems, c.nextSteps, Arrays.asList(c.evidence),
                c.reason, c.recordedBy, c.recordedAt);
        outbox.record(Topics.PLAN_EXECUTION, CommentaryEvent.AGGREGATE_TYPE, measure.id.toString(),
                CommentaryEvent.TYPE_RECORDED, event);
        return event;
    }

    private MeasureEvent record(Measure measure, MeasureChange.Change change, boolean removed) {
        MeasureEvent event = toEvent(measure, Milestone.of(measure.id), fiscalYear(measure), removed);
        if (!removed) {
            MeasureChange version = new MeasureChange();
            version.measureId = measure.id;
            version.version = measure.version;
            version.change = change.name();
            version.changedBy = measure.changedBy;
            version.changedAt = measure.updatedAt;
            version.state = json(event);
            version.persist();
        }
        outbox.record(Topics.PLAN_EXECUTION, MeasureEvent.AGGREGATE_TYPE, measure.id.toString(),
                removed ? MeasureEvent.TYPE_REMOVED : MeasureEvent.TYPE_UPSERTED, event);
        return event;
    }

    public static MeasureEvent toEvent(Measure m, List<Milestone> milestones, int fiscalYear, boolean removed) {
        return new MeasureEvent(m.id, m.planCode, fiscalYear, m.code, m.kind, m.planItemId, m.parentId, m.marker,
                m.titleJa, m.textJa, m.nameEn, m.department, m.sortOrder, Arrays.asList(m.concerns), m.status,
                milestones.stream().map(MeasureEvents::milestone).toList(), removed, m.version, m.changedBy,
                m.updatedAt);
    }

    private static MeasureEvent.Milestone milestone(Milestone m) {
        return new MeasureEvent.Milestone(m.id, m.code, m.nameJa, m.nameEn, m.due, m.dueBasis, m.doneOn);
    }

    private static int fiscalYear(Measure measure) {
        return Plan.<Plan>findById(measure.planCode).fiscalYear;
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a measure event is not serialisable", e);
        }
    }
}
