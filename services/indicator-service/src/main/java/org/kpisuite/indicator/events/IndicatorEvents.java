package org.kpisuite.indicator.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.indicator.domain.IndicatorVersion;
import org.kpisuite.messaging.Outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records the full state of a changed indicator in the outbox and in its version history, in the
 * transaction of the change.
 */
@ApplicationScoped
public class IndicatorEvents {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    public void record(Indicator indicator, String type) {
        IndicatorEvent event = toEvent(indicator);
        outbox.record(Topics.INDICATORS, IndicatorEvent.AGGREGATE_TYPE, indicator.code, type, event);
        IndicatorVersion version = new IndicatorVersion();
        version.code = indicator.code;
        version.version = indicator.version;
        version.changedAt = indicator.updatedAt;
        version.changedBy = indicator.changedBy;
        try {
            version.state = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        version.persist();
    }

    public static IndicatorEvent toEvent(Indicator i) {
        return new IndicatorEvent(i.code, i.nameJa, i.nameEn, i.unit, i.department, i.planItemId, i.coreTarget,
                i.referenceOnly, i.aggregation, java.util.List.copyOf(i.components), i.breakdown, i.allowsNegative,
                i.firstFiscalYear, i.lastFiscalYear,
                i.targets.stream()
                        .sorted(java.util.Comparator.comparingInt(t -> t.fiscalYear))
                        .map(t -> new IndicatorEvent.Target(t.fiscalYear, t.comparator, t.plainValue(),
                                strip(t.valueNumerator), strip(t.valueDenominator), t.scope, t.sinceFiscalYear,
                                t.baselineFiscalYear, strip(t.baselineValue), java.util.List.copyOf(t.conditions),
                                t.formula))
                        .toList(),
                i.retired, i.version, i.updatedAt, i.frequency, java.util.List.copyOf(i.parts),
                java.util.List.copyOf(i.rules), i.goodDirection);
    }

    private static java.math.BigDecimal strip(java.math.BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
