package org.kpisuite.plan.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.messaging.Outbox;
import org.kpisuite.plan.domain.Plan;
import org.kpisuite.plan.domain.PlanItem;

/** Records the full state of a changed plan item in the outbox, in the transaction of the change. */
@ApplicationScoped
public class PlanItemEvents {

    @Inject
    Outbox outbox;

    public void upserted(PlanItem item) {
        outbox.record(Topics.PLAN_ITEMS, PlanItemEvent.AGGREGATE_TYPE, item.id.toString(),
                PlanItemEvent.TYPE_UPSERTED, toEvent(item, false));
    }

    /**
     * The last state of a deleted item, flagged removed, with a version above every earlier one so that
     * consumers apply it; the topic is compacted, so this record stays as the item's final word.
     */
    public void removed(PlanItem item) {
        outbox.record(Topics.PLAN_ITEMS, PlanItemEvent.AGGREGATE_TYPE, item.id.toString(),
                PlanItemEvent.TYPE_REMOVED, toEvent(item, true));
    }

    /** With its plan's agency and year, so that a reader can tell another year's plan of the same agency. */
    static PlanItemEvent toEvent(PlanItem item, boolean removed) {
        Plan plan = Plan.findById(item.planCode);
        return new PlanItemEvent(item.id, item.planCode, item.code, item.parentId, item.nameJa, item.nameEn,
                item.sortOrder, item.importantInitiative, removed, item.version, item.updatedAt,
                plan == null ? null : plan.agency, plan == null ? null : plan.fiscalYear);
    }
}
