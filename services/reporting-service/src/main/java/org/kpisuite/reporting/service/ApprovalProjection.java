package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.MeasurementApprovalEvent;
import org.kpisuite.fiscal.Period;
import org.kpisuite.messaging.UnreadableEventException;

/**
 * Keeps every step of the review of values (measurement_approval), for the consumer and the rebuild alike: a poll's
 * steps in one statement, each once (a redelivered step changes nothing).
 */
@ApplicationScoped
public class ApprovalProjection {

    @Inject
    EntityManager entityManager;

    /** The step, checked whole: an event that cannot be kept is a dead letter, not a half-applied poll. */
    static MeasurementApprovalEvent checked(MeasurementApprovalEvent e, String eventId) {
        if (e.indicatorCode() == null || e.department() == null || e.period() == null || e.decision() == null
                || e.decidedAt() == null || e.decidedBy() == null || e.step() < 1 || e.revision() < 1
                || Period.parse(e.period()).isEmpty()) {
            throw new UnreadableEventException("approval step " + eventId + " lacks its key, step, decision or time", null);
        }
        return e;
    }

    public void record(List<MeasurementApprovalEvent> steps) {
        if (steps.isEmpty()) {
            return;
        }
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into measurement_approval (indicator_code, component, breakdown, department, period, step,
                                                      revision, fiscal_year, decision, comment, decided_by, decided_at)
                    select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bpchar[], ?::int4[],
                                         ?::int4[], ?::int4[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                    on conflict do nothing""")) {
                insert.setArray(1, Jdbc.column(connection, "varchar", steps, MeasurementApprovalEvent::indicatorCode));
                insert.setArray(2, Jdbc.column(connection, "varchar", steps, e -> orEmpty(e.component())));
                insert.setArray(3, Jdbc.column(connection, "varchar", steps, e -> orEmpty(e.breakdown())));
                insert.setArray(4, Jdbc.column(connection, "varchar", steps, MeasurementApprovalEvent::department));
                insert.setArray(5, Jdbc.column(connection, "bpchar", steps, MeasurementApprovalEvent::period));
                insert.setArray(6, Jdbc.column(connection, "int4", steps, MeasurementApprovalEvent::step));
                insert.setArray(7, Jdbc.column(connection, "int4", steps, MeasurementApprovalEvent::revision));
                insert.setArray(8, Jdbc.column(connection, "int4", steps, e -> Period.parse(e.period()).orElseThrow()
                        .fiscalYear()));
                insert.setArray(9, Jdbc.column(connection, "varchar", steps, e -> e.decision().name()));
                insert.setArray(10, Jdbc.column(connection, "varchar", steps, MeasurementApprovalEvent::comment));
                insert.setArray(11, Jdbc.column(connection, "varchar", steps, MeasurementApprovalEvent::decidedBy));
                insert.setArray(12, Jdbc.column(connection, "timestamptz", steps,
                        e -> java.sql.Timestamp.from(e.decidedAt())));
                return insert.executeUpdate();
            }
        });
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
