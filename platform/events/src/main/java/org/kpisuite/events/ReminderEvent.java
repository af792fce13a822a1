package org.kpisuite.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A reminder reporting-service decided to send, on {@link Topics#REMINDERS} keyed by {@code department}: published
 * (through the outbox) in the transaction that claims it, once per kind, period and department, and mailed after
 * that transaction commits (at least once). The reminder's e-mail is mailed to {@code recipients}.
 *
 * @param kind           why: a deadline close, one passed, or values waiting for approval
 * @param period         the period whose values are missing ({@code 2026-10}, {@code 2026-Q2}, {@code FY2026}); for
 *                       {@link Kind#APPROVAL_WAITING} the day (Japan time, {@code 2026-12-02}) of the reminder, as
 *                       approvers get at most one a day per department
 * @param deadline       the period's submission deadline; null for {@link Kind#APPROVAL_WAITING}
 * @param indicatorCodes the indicators without a value for the period, or with a value waiting for approval
 * @param count          how many values are missing or waiting
 * @param issuedAt       when the reminder was decided (its e-mail goes out right after)
 */
public record ReminderEvent(
        UUID reminderId,
        Kind kind,
        String department,
        String period,
        LocalDate deadline,
        List<String> recipients,
        List<String> indicatorCodes,
        int count,
        String subject,
        Instant issuedAt) {

    public static final String AGGREGATE_TYPE = "reminder";
    public static final String TYPE_ISSUED = "kpi.reminder.issued.v1";

    public enum Kind {
        /** The period's deadline is a few business days away and the department has not reported everything. */
        DUE_SOON,
        /** The period's deadline has passed and the department has still not reported everything. */
        OVERDUE,
        /** Values of the department have waited longer than allowed for an approver's decision. */
        APPROVAL_WAITING
    }
}
