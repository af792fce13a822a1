package org.kpisuite.reporting.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.kpisuite.events.ReminderEvent.Kind;
import org.kpisuite.fiscal.BusinessDays;
import org.kpisuite.fiscal.FiscalCalendar;

/**
 * Which reminders are due on a day, as plain functions of the completeness of the periods and of the values waiting
 * for approval (no clock, no database): {@link Reminders} asks them and claims what they answer.
 * <ul>
 * <li>DUE_SOON: from {@code daysBefore} business days (a government office's) before a period's deadline to the deadline
 * itself, for each department that still has an expected value missing for the period.</li>
 * <li>OVERDUE: from the day after the deadline, for as long as the deadline lies within {@code lookback} days.</li>
 * <li>APPROVAL_WAITING: per department, the values in force without an approval decision recorded more than the
 * approval wait ago, of the fiscal year and the one before it; keyed by the day, so approvers hear once a day at most.</li>
 * </ul>
 */
public final class ReminderRules {

    private ReminderRules() {
    }

    /**
     * One value a reminder names: missing (no {@code recordedAt}) or waiting for approval.
     *
     * @param period the value's period ({@code 2026-10}, {@code 2026-Q2}, ...)
     */
    public record Value(String indicatorCode, String period, Instant recordedAt) {
    }

    /**
     * A reminder due: its key is kind, period and department.
     *
     * @param period   the period of the missing values; for APPROVAL_WAITING the day ({@code 2026-12-02})
     * @param deadline the period's deadline; null for APPROVAL_WAITING
     */
    public record Due(Kind kind, String period, LocalDate deadline, String department, List<Value> values) {

        public List<String> indicatorCodes() {
            return values.stream().map(Value::indicatorCode).distinct().sorted().toList();
        }
    }

    /** The business day {@code businessDays} before the deadline (the deadline itself for 0). */
    public static LocalDate remindFrom(LocalDate deadline, int businessDays) {
        return BusinessDays.plus(deadline, -businessDays);
    }

    /** The reminder a period with missing values gets on the day, if any. */
    public static Optional<Kind> missingKind(LocalDate deadline, LocalDate today, int daysBefore, long lookbackDays) {
        if (today.isAfter(deadline)) {
            return today.isAfter(deadline.plusDays(lookbackDays)) ? Optional.empty() : Optional.of(Kind.OVERDUE);
        }
        return today.isBefore(remindFrom(deadline, daysBefore)) ? Optional.empty() : Optional.of(Kind.DUE_SOON);
    }

    /**
     * The first fiscal year that can hold a period still reminded on the day: a year's periods end in March at the
     * latest, so the year before today's is looked at while March's deadline lies within the lookback.
     */
    public static int firstFiscalYear(LocalDate today, long lookbackDays, int deadlineBusinessDays) {
        int year = FiscalCalendar.fiscalYearOf(YearMonth.from(today));
        while (!Deadlines.deadline(YearMonth.of(year, 3), deadlineBusinessDays).plusDays(lookbackDays).isBefore(today)) {
            year--;
        }
        return year;
    }

    /** DUE_SOON and OVERDUE reminders of the periods (as CompletenessService answers them), one per department. */
    public static List<Due> missing(List<CompletenessService.Month> periods, LocalDate today, int daysBefore,
            long lookbackDays) {
        List<Due> due = new ArrayList<>();
        for (CompletenessService.Month period : periods) {
            if (period.missing().isEmpty()) {
                continue;
            }
            Optional<Kind> kind = missingKind(period.deadline(), today, daysBefore, lookbackDays);
            if (kind.isEmpty()) {
                continue;
            }
            Map<String, List<Value>> byDepartment = new TreeMap<>();
            for (CompletenessService.Expected expected : period.missing()) {
                if (expected.department() == null) {
                    continue; // nobody to remind
                }
                byDepartment.computeIfAbsent(expected.department(), d -> new ArrayList<>())
                        .add(new Value(expected.indicatorCode(), period.period(), null));
            }
            byDepartment.forEach((department, values) -> due.add(new Due(kind.get(), period.period(),
                    period.deadline(), department, values.stream().sorted(Comparator.comparing(Value::indicatorCode))
                            .toList())));
        }
        return due;
    }

    /**
     * APPROVAL_WAITING reminders, one per department with a value recorded more than {@code wait} before {@code now},
     * however long ago (the longest waiting first); keyed by {@code today}.
     *
     * @param provisional values in force without an approval decision, per department (of the open fiscal years)
     */
    public static List<Due> waiting(Map<String, List<Value>> provisional, Instant now, LocalDate today, Duration wait) {
        Instant waitedSince = now.minus(wait);
        List<Due> due = new ArrayList<>();
        new TreeMap<>(provisional).forEach((department, values) -> {
            List<Value> waited = values.stream()
                    .filter(v -> v.recordedAt().isBefore(waitedSince))
                    .sorted(Comparator.comparing(Value::recordedAt).thenComparing(Value::indicatorCode)
                            .thenComparing(Value::period))
                    .toList();
            if (department != null && !waited.isEmpty()) {
                due.add(new Due(Kind.APPROVAL_WAITING, today.toString(), null, department, waited));
            }
        });
        return due;
    }
}
