package org.kpisuite.indicator.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.BudgetAnalysisEvent;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.indicator.domain.BudgetAnalysis;
import org.kpisuite.indicator.domain.BudgetVersion;
import org.kpisuite.messaging.Outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records a new budget version or analysis and its event, in the transaction of the change. */
@ApplicationScoped
public class BudgetEvents {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    public BudgetVersion record(BudgetEvent budget) {
        BudgetVersion version = new BudgetVersion();
        version.fiscalYear = budget.fiscalYear();
        version.version = budget.version();
        version.changedAt = budget.changedAt();
        version.changedBy = budget.changedBy();
        try {
            version.state = mapper.writeValueAsString(budget);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        version.persist();
        outbox.record(Topics.BUDGETS, BudgetEvent.AGGREGATE_TYPE, Integer.toString(budget.fiscalYear()),
                BudgetEvent.TYPE_CHANGED, budget);
        return version;
    }

    public void record(BudgetAnalysis analysis) {
        analysis.persist();
        outbox.record(Topics.BUDGETS, BudgetAnalysisEvent.AGGREGATE_TYPE, analysis.lineCode,
                BudgetAnalysisEvent.TYPE_RECORDED, toEvent(analysis));
    }

    public static BudgetAnalysisEvent toEvent(BudgetAnalysis a) {
        return new BudgetAnalysisEvent(a.fiscalYear, a.lineCode, a.version, a.cause, a.response, a.recordedAt,
                a.recordedBy);
    }
}
