package org.kpisuite.events;

import java.util.List;

/** The suite's Kafka topics. Producers and consumers name them only through these constants. */
public final class Topics {

    /** Full state of plan items, keyed by plan item id; compacted. */
    public static final String PLAN_ITEMS = "kpi.plan-items.v1";
    /** Full state of indicators, keyed by indicator code; compacted. */
    public static final String INDICATORS = "kpi.indicators.v1";
    /** The durable log of measurements, keyed by indicator code so that order per indicator holds. */
    public static final String MEASUREMENTS = "kpi.measurements.v1";
    /** Status changes computed by reporting, keyed by indicator code. */
    public static final String INDICATOR_STATUS = "kpi.indicator-status.v1";
    /**
     * Plan execution: full states of measures and initiatives (with their milestones) and revisions of their
     * commentary, keyed by measure id. A durable log like the measurements, not compacted: reviews of past dates
     * are rebuilt from every version.
     */
    public static final String PLAN_EXECUTION = "kpi.plan-execution.v1";
    /** Milestone status changes (e.g. OPEN → OVERDUE) computed by reporting, keyed by milestone id. */
    public static final String MILESTONE_STATUS = "kpi.milestone-status.v1";
    /**
     * Budgets: every version of a fiscal year's budget (keyed by the year) and of finance's analysis of a drifting
     * line (keyed by the line's code). A durable log like plan execution, not compacted: every version stays.
     */
    public static final String BUDGETS = "kpi.budgets.v1";
    /** Budget line and ceiling status changes (e.g. ON_BUDGET → DRIFTING) computed by reporting, keyed by code. */
    public static final String BUDGET_STATUS = "kpi.budget-status.v1";
    /**
     * Self-evaluations and the minister's grades of evaluation items, every version (keyed by plan, fiscal year and
     * item). A durable log like the budgets, not compacted: a report as of a past date reads the versions of then.
     */
    public static final String EVALUATIONS = "kpi.evaluations.v1";
    /**
     * Reminders reporting-service mails to departments (values due soon or overdue) and to their approvers (values
     * waiting for approval), keyed by department; a log, not compacted.
     */
    public static final String REMINDERS = "kpi.reminders.v1";
    /**
     * Events a consumer could not read, whole, with where they came from, which consumer group refused them and
     * why (headers {@code kpi-dlq-*}); each service replays its own once fixed.
     */
    public static final String DEAD_LETTERS = "kpi.dead-letters.v1";

    /** How each topic is created where the suite creates its own topics (tests, local runs). */
    public record Spec(String name, int partitions, boolean compacted) {
    }

    public static final List<Spec> ALL = List.of(
            new Spec(PLAN_ITEMS, 1, true),
            new Spec(INDICATORS, 3, true),
            new Spec(MEASUREMENTS, 6, false),
            new Spec(INDICATOR_STATUS, 3, false),
            new Spec(PLAN_EXECUTION, 3, false),
            new Spec(MILESTONE_STATUS, 1, false),
            new Spec(BUDGETS, 1, false),
            new Spec(BUDGET_STATUS, 1, false),
            new Spec(EVALUATIONS, 1, false),
            new Spec(REMINDERS, 1, false),
            new Spec(DEAD_LETTERS, 1, false));

    private Topics() {
    }
}
