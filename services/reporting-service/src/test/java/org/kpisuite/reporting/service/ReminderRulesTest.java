package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kpisuite.events.ReminderEvent.Kind;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.reporting.service.CompletenessService.Expected;
import org.kpisuite.reporting.service.CompletenessService.Month;
import org.kpisuite.reporting.service.ReminderRules.Due;
import org.kpisuite.reporting.service.ReminderRules.Value;

/** Which reminders are due on a day, worked out by hand with a calendar (deadlines: 10 business days, as configured). */
class ReminderRulesTest {

    @ParameterizedTest
    @CsvSource({
            // October 2026 ends on Saturday 31st: Mon 2 Nov is the 1st business day, Tue 3 Nov (文化の日) none, Mon 16
            // Nov the 10th.
            "2026-10, 2026-11-16",
            // November 2026 ends on Monday 30th: Tue 1 Dec … Fri 11 Dec is the 9th, Mon 14 Dec the 10th.
            "2026-11, 2026-12-14",
            // September 2026 ends on Wednesday 30th: Thu 1 Oct … Fri 9 Oct is the 7th, Mon 12 Oct (スポーツの日) none,
            // Thu 15 Oct the 10th.
            "2026-09, 2026-10-15" })
    void theDeadlinesTheRulesStartFrom(String month, String deadline) {
        assertThat(Deadlines.deadline(YearMonth.parse(month), 10)).isEqualTo(LocalDate.parse(deadline));
    }

    @ParameterizedTest
    @CsvSource({
            // Fri 13 Nov: Thu 12 (1), Wed 11 (2), Tue 10 (3).
            "2026-11-13, 3, 2026-11-10",
            // Mon 14 Dec: the weekend does not count: Fri 11 (1), Thu 10 (2), Wed 9 (3).
            "2026-12-14, 3, 2026-12-09",
            // Tue 14 May 2024: Mon 13 (1), Fri 10 (2), Thu 9 (3).
            "2024-05-14, 3, 2024-05-09",
            "2026-11-13, 0, 2026-11-13",
            // Fri 13 Nov, 5 business days: Thu 12, Wed 11, Tue 10, Mon 9, Fri 6.
            "2026-11-13, 5, 2026-11-06",
            // Thu 5 Nov: Wed 4 (1), Tue 3 is 文化の日, Mon 2 (2), Fri 30 Oct (3).
            "2026-11-05, 3, 2026-10-30",
            // Wed 8 May 2024: Tue 7 (1), 6 (振替休日) to 3 May closed, Thu 2 (2), Wed 1 (3).
            "2024-05-08, 3, 2024-05-01" })
    void theReminderGoesSomeBusinessDaysBeforeTheDeadline(String deadline, int days, String from) {
        assertThat(ReminderRules.remindFrom(LocalDate.parse(deadline), days)).isEqualTo(LocalDate.parse(from));
    }

    @ParameterizedTest
    @CsvSource({
            // October 2026 (deadline Mon 16 Nov), 3 business days before (Wed 11 Nov), 62 days of lookback.
            "2026-11-10, 2026-11-16, NONE",
            "2026-11-11, 2026-11-16, DUE_SOON",
            "2026-11-16, 2026-11-16, DUE_SOON",
            "2026-11-17, 2026-11-16, OVERDUE",
            // Today: 16 days late.
            "2026-12-02, 2026-11-16, OVERDUE",
            // 16 Nov + 62 days = 17 Jan 2027: the last day it is chased.
            "2027-01-17, 2026-11-16, OVERDUE",
            "2027-01-18, 2026-11-16, NONE",
            // November 2026 (deadline Mon 14 Dec): nothing yet today; from Wed 9 Dec; Sat 12 Dec still in the window.
            "2026-12-02, 2026-12-14, NONE",
            "2026-12-08, 2026-12-14, NONE",
            "2026-12-09, 2026-12-14, DUE_SOON",
            "2026-12-12, 2026-12-14, DUE_SOON",
            // September 2026 (deadline Thu 15 Oct): 48 days late today, still chased; August (14 Sep): 79 days, not.
            "2026-12-02, 2026-10-15, OVERDUE",
            "2026-12-02, 2026-09-14, NONE" })
    void kindOfAPeriodWithMissingValues(String today, String deadline, String kind) {
        Optional<Kind> expected = kind.equals("NONE") ? Optional.empty() : Optional.of(Kind.valueOf(kind));
        assertThat(ReminderRules.missingKind(LocalDate.parse(deadline), LocalDate.parse(today), 3, 62))
                .isEqualTo(expected);
    }

    @Test
    void theFiscalYearsLookedAtReachBackAsFarAsTheLookback() {
        // March 2026 (FY2025) was due on 14 Apr 2026, chased until 15 Jun 2026: on 2 Dec 2026 FY2026 only.
        assertThat(ReminderRules.firstFiscalYear(LocalDate.of(2026, 12, 2), 62, 10)).isEqualTo(2026);
        // March 2027 (FY2026) is due on 14 Apr 2027 and chased until 15 Jun 2027.
        assertThat(ReminderRules.firstFiscalYear(LocalDate.of(2027, 5, 10), 62, 10)).isEqualTo(2026);
        assertThat(ReminderRules.firstFiscalYear(LocalDate.of(2027, 6, 15), 62, 10)).isEqualTo(2026);
        assertThat(ReminderRules.firstFiscalYear(LocalDate.of(2027, 6, 16), 62, 10)).isEqualTo(2027);
        assertThat(ReminderRules.firstFiscalYear(LocalDate.of(2027, 7, 1), 62, 10)).isEqualTo(2027);
    }

    @Test
    void onTwoDecember2026OctoberAndSeptemberAreOverdueAndNovemberIsNotYetDue() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        List<Month> periods = List.of(
                month("2026-08", "2026-09-14", List.of(new Expected("a", "security"))),
                month("2026-09", "2026-10-15", List.of(new Expected("b", "security"), new Expected("a", "security"),
                        new Expected("c", "digital-talent"))),
                month("2026-10", "2026-11-16", List.of(new Expected("a", "digital-talent"), new Expected("z", null))),
                month("2026-11", "2026-12-14", List.of(new Expected("a", "security"))),
                // A quarter (its own period) with nothing missing: no reminder.
                new Month(null, LocalDate.parse("2026-10-14"), 1, 1, 1, List.of(), List.of(), "2026-Q2",
                        Frequency.QUARTERLY));

        List<Due> due = ReminderRules.missing(periods, today, 3, 62);

        assertThat(due).extracting(Due::kind, Due::period, Due::department, Due::indicatorCodes).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.OVERDUE, "2026-09", "digital-talent", List.of("c")),
                org.assertj.core.groups.Tuple.tuple(Kind.OVERDUE, "2026-09", "security", List.of("a", "b")),
                // The indicator without a department has nobody to remind.
                org.assertj.core.groups.Tuple.tuple(Kind.OVERDUE, "2026-10", "digital-talent", List.of("a")));
        assertThat(due.get(1).deadline()).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(due.get(1).values()).extracting(Value::period).containsOnly("2026-09");

        // A week later November is due soon for security, October is still overdue.
        assertThat(ReminderRules.missing(periods, LocalDate.of(2026, 12, 9), 3, 62))
                .extracting(Due::kind, Due::period, Due::department).contains(
                        org.assertj.core.groups.Tuple.tuple(Kind.DUE_SOON, "2026-11", "security"),
                        org.assertj.core.groups.Tuple.tuple(Kind.OVERDUE, "2026-10", "digital-talent"));
    }

    @Test
    void approversHearOfValuesWaitingLongerThanTheWaitOncePerDay() {
        Instant now = Instant.parse("2026-12-02T01:00:00Z");
        Map<String, List<Value>> provisional = Map.of(
                "security", List.of(
                        // 12 days: waiting.
                        new Value("a", "2026-10", Instant.parse("2026-11-20T00:00:00Z")),
                        // 2 days: not yet.
                        new Value("b", "2026-10", Instant.parse("2026-11-30T00:00:00Z")),
                        // 5 days and an hour: waiting.
                        new Value("a", "2026-09", Instant.parse("2026-11-27T00:00:00Z"))),
                // 92 days: still waiting, and first in its department's mail.
                "digital-talent", List.of(new Value("c", "2026-08", Instant.parse("2026-09-01T00:00:00Z"))));

        List<Due> due = ReminderRules.waiting(provisional, now, LocalDate.of(2026, 12, 2), Duration.ofDays(5));

        assertThat(due).extracting(Due::department).containsExactly("digital-talent", "security");
        assertThat(due.get(0).indicatorCodes()).containsExactly("c");
        assertThat(due.get(1)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.APPROVAL_WAITING);
            assertThat(d.period()).as("the key: the day").isEqualTo("2026-12-02");
            assertThat(d.deadline()).isNull();
            assertThat(d.values()).extracting(Value::period).containsExactly("2026-10", "2026-09");
            assertThat(d.indicatorCodes()).containsExactly("a");
        });
    }

    private static Month month(String month, String deadline, List<Expected> missing) {
        return new Month(YearMonth.parse(month), LocalDate.parse(deadline), missing.size(), 0, 0, missing, List.of(),
                month, Frequency.MONTHLY);
    }
}
