package org.kpisuite.reporting.events;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.messaging.InboundProcessor;
import org.kpisuite.messaging.UnreadableEventException;

import io.smallrye.reactive.messaging.annotations.Blocking;
import org.kpisuite.reporting.domain.IndicatorView;
import org.kpisuite.reporting.domain.PlanItemView;
import org.kpisuite.reporting.service.PlanPlacesCache;
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

    @Inject
    PlanPlacesCache planPlaces;

    // Each poll's records are applied in one transaction, and the statuses they touch are recomputed once, at
    // its end (InboundProcessor.processAll): per record, a poll of 500 values cost 500 commits and calculations.

    @Incoming(Topics.PLAN_ITEMS)
    @Blocking
    public void planItems(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), event -> planItem(event.dataAs(mapper, PlanItemEvent.class)), () -> {
        });
    }

    @Incoming(Topics.INDICATORS)
    @Blocking
    public void indicators(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), event -> indicator(event.dataAs(mapper, IndicatorEvent.class), event.data()),
                statuses::refreshChanged);
    }

    @Incoming(Topics.MEASUREMENTS)
    @Blocking
    public void measurements(ConsumerRecords<String, String> records) {
        inbound.processAll(list(records), event -> measurement(event.dataAs(mapper, MeasurementEvent.class)),
                statuses::refreshChanged);
    }

    private static List<ConsumerRecord<String, String>> list(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
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
        planPlaces.invalidate();
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
        statuses.changed(indicator.code());
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
        if (inserted > 0) {
            statuses.changed(m.indicatorCode());
        }
    }
}
