package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinesTest {

    @ParameterizedTest
    @CsvSource({
            // April 2024 ends on a Tuesday: 1 and 2 May count, 3 May (憲法記念日) to 6 May (振替休日) do not: Thursday 16 May.
            "2024-04, 10, 2024-05-16",
            // August 2024 ends on a Saturday: counting starts on Monday 2 September.
            "2024-08, 10, 2024-09-13",
            "2025-03, 10, 2025-04-14",
            "2024-09, 1, 2024-10-01",
            "2024-11, 0, 2024-11-30",
            // December 2024: the offices close from 29 December to 3 January, and 4–5 January is a weekend.
            "2024-12, 1, 2025-01-06",
            // September 2026 ends on a Wednesday; 12 October is スポーツの日: Thursday 15 October.
            "2026-09, 10, 2026-10-15" })
    void deadlineCountsBusinessDaysAfterTheMonthEnds(String month, int businessDays, String deadline) {
        assertThat(Deadlines.deadline(YearMonth.parse(month), businessDays)).isEqualTo(LocalDate.parse(deadline));
    }
}
