package org.kpisuite.reporting.events;

import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.domain.IndicatorView;
import org.kpisuite.reporting.domain.PlanItemView;

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

    @Incoming(Topics.PLAN_ITEMS)
    @Transactional
    public void planItem(ConsumerRecord<String, String> record) {
        PlanItemEvent item = InboundEvent.of(record).dataAs(mapper, PlanItemEvent.class);
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

    @Incoming(Topics.INDICATORS)
    @Transactional
    public void indicator(ConsumerRecord<String, String> record) {
        IndicatorEvent indicator = InboundEvent.of(record).dataAs(mapper, IndicatorEvent.class);
        IndicatorView view = IndicatorView.findById(indicator.code());
        if (view == null) {
            view = new IndicatorView();
            view.code = indicator.code();
        } else if (view.version >= indicator.version()) {
            return;
        }
        view.version = indicator.version();
        view.state = record.value();
        view.persist();
    }

    @Incoming(Topics.MEASUREMENTS)
    @Transactional
    public void measurement(ConsumerRecord<String, String> record) {
        MeasurementEvent m = InboundEvent.of(record).dataAs(mapper, MeasurementEvent.class);
        int fiscalYear = FiscalCalendar.fiscalYearOf(YearMonth.parse(m.month()));
        entityManager.createNativeQuery("""
                insert into measurement_revision (indicator_code, component, breakdown, department, period, revision,
                    fiscal_year, value, measurement_id, recorded_at)
                values (:indicator, :component, :breakdown, :department, :period, :revision, :fiscalYear, :value,
                    :id, :recordedAt)
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
                .executeUpdate();
    }
}
