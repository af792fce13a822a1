package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinesTest {

    @ParameterizedTest
    @CsvSource({
            // April 2024 ends on a Tuesday: ten weekdays later is Tuesday 14 May.
            "2024-04, 10, 2024-05-14",
            // August 2024 ends on a Saturday: counting starts on Monday 2 September.
            "2024-08, 10, 2024-09-13",
            "2025-03, 10, 2025-04-14",
            "2024-09, 1, 2024-10-01",
            "2024-11, 0, 2024-11-30" })
    void deadlineCountsWeekdaysAfterTheMonthEnds(String month, int businessDays, String deadline) {
        assertThat(Deadlines.deadline(YearMonth.parse(month), businessDays)).isEqualTo(LocalDate.parse(deadline));
    }
}
