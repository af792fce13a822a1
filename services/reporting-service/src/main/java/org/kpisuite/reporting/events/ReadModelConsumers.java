package org.kpisuite.reporting.events;

import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.messaging.InboundProcessor;
import org.kpisuite.messaging.UnreadableEventException;

import io.smallrye.reactive.messaging.annotations.Blocking;
import org.kpisuite.reporting.domain.IndicatorView;
import org.kpisuite.reporting.domain.PlanItemView;
import org.kpisuite.reporting.service.StatusTracker;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the read model from the three topics. Each handler is idempotent: a full-state event applies only
 * if its version is newer, and a measurement revision is inserted once, whatever the redeliveries.
 */
@ApplicationScoped
public class ReadModelConsumers {

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager entityManager;

    @Inject
    InboundProcessor inbound;

    @Inject
    StatusTracker statuses;

    @Incoming(Topics.PLAN_ITEMS)
    @Blocking
    public void planItems(ConsumerRecord<String, String> record) {
        inbound.process(record, event -> planItem(event.dataAs(mapper, PlanItemEvent.class)));
    }

    @Incoming(Topics.INDICATORS)
    @Blocking
    public void indicators(ConsumerRecord<String, String> record) {
        inbound.process(record, event -> indicator(event.dataAs(mapper, IndicatorEvent.class), event.data()));
    }

    @Incoming(Topics.MEASUREMENTS)
    @Blocking
    public void measurements(ConsumerRecord<String, String> record) {
        inbound.process(record, event -> measurement(event.dataAs(mapper, MeasurementEvent.class)));
    }

    private void planItem(PlanItemEvent item) {
        PlanItemView view = PlanItemView.findById(item.id());
        if (view == null) {
            view = new PlanItemView();
            view.id = item.id();
        } else if (view.version >= item.version()) {
            return;
        }
        view.planCode = item.planCode();
        view.code = item.code();
        view.parentId = item.parentId();
        view.nameJa = item.nameJa();
        view.nameEn = item.nameEn();
        view.removed = item.removed();
        view.version = item.version();
        view.persist();
    }

    private void indicator(IndicatorEvent indicator, String state) {
        IndicatorView view = IndicatorView.findById(indicator.code());
        if (view == null) {
            view = new IndicatorView();
            view.code = indicator.code();
        } else if (view.version >= indicator.version()) {
            return;
        }
        view.version = indicator.version();
        view.state = state;
        view.persist();
        statuses.refresh(indicator);
    }

    private void measurement(MeasurementEvent m) {
        YearMonth month = FiscalCalendar.parseMonth(m.month()).orElseThrow(
                () -> new UnreadableEventException("measurement " + m.measurementId() + " has month " + m.month(), null));
        int fiscalYear = FiscalCalendar.fiscalYearOf(month);
        int inserted = entityManager.createNativeQuery("""
                insert into measurement_revision (indicator_code, component, breakdown, department, period, revision,
                    fiscal_year, value, measurement_id, recorded_at, outlier)
                values (:indicator, :component, :breakdown, :department, :period, :revision, :fiscalYear, :value,
                    :id, :recordedAt, :outlier)
                on conflict do nothing
                """)
                .setParameter("indicator", m.indicatorCode())
                .setParameter("component", m.component() == null ? "" : m.component())
                .setParameter("breakdown", m.breakdown() == null ? "" : m.breakdown())
                .setParameter("department", m.department())
                .setParameter("period", m.month())
                .setParameter("revision", m.revision())
                .setParameter("fiscalYear", fiscalYear)
                .setParameter("value", m.value())
                .setParameter("id", m.measurementId())
                .setParameter("recordedAt", m.recordedAt())
                .setParameter("outlier", m.flags().contains(MeasurementEvent.FLAG_OUTLIER))
                .executeUpdate();
        IndicatorView indicator = inserted == 0 ? null : IndicatorView.findById(m.indicatorCode());
        if (indicator != null) {
            statuses.refresh(InboundEvent.read(mapper, indicator.state, IndicatorEvent.class));
        }
    }
}
