package org.kpisuite.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FiscalCalendarTest {

    @ParameterizedTest
    @CsvSource({
            "2024-04, 2024", "2024-09, 2024", "2024-12, 2024", "2025-01, 2024", "2025-02, 2024",
            "2025-03, 2024", "2025-04, 2025", "2024-03, 2023", "2000-01, 1999" })
    void monthBelongsToTheFiscalYearOfItsApril(String month, int fiscalYear) {
        assertThat(FiscalCalendar.fiscalYearOf(YearMonth.parse(month))).isEqualTo(fiscalYear);
    }

    @Test
    void fiscalYear2024RunsFromApril2024ToMarch2025() {
        assertThat(FiscalCalendar.months(2024)).hasSize(12)
                .startsWith(YearMonth.of(2024, 4))
                .endsWith(YearMonth.of(2025, 3));
        assertThat(FiscalCalendar.firstDay(2024)).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(FiscalCalendar.lastDay(2024)).isEqualTo(LocalDate.of(2025, 3, 31));
    }

    @ParameterizedTest
    @CsvSource({ "2024-04, 1", "2024-09, 6", "2024-12, 9", "2025-01, 10", "2025-03, 12" })
    void monthIndexCountsFromApril(String month, int index) {
        assertThat(FiscalCalendar.monthIndex(YearMonth.parse(month))).isEqualTo(index);
    }

    @ParameterizedTest
    @CsvSource({
            "2024-03-31, 0", "2024-04-01, 0", "2024-04-30, 1", "2024-05-01, 1", "2024-09-30, 6",
            "2024-10-01, 6", "2025-02-28, 11", "2025-03-30, 11", "2025-03-31, 12", "2026-11-25, 12" })
    void monthsElapsedCountsCompletedMonths(String date, int elapsed) {
        assertThat(FiscalCalendar.monthsElapsed(2024, LocalDate.parse(date))).isEqualTo(elapsed);
    }

    @Test
    void leapYearFebruaryEndsTheMonth() {
        assertThat(FiscalCalendar.monthsElapsed(2023, LocalDate.of(2024, 2, 29))).isEqualTo(11);
        assertThat(FiscalCalendar.monthsElapsed(2023, LocalDate.of(2024, 2, 28))).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-4", "2024-13", "2024-00", "24-04", "2024/04", "2024-04-01", "", " 2024-04", "２０２４-04" })
    void rejectsAnythingButStrictYearMonth(String text) {
        assertThat(FiscalCalendar.parseMonth(text)).isEmpty();
    }

    @Test
    void parsesStrictYearMonth() {
        assertThat(FiscalCalendar.parseMonth("2025-03")).contains(YearMonth.of(2025, 3));
        assertThat(FiscalCalendar.parseMonth(null)).isEmpty();
    }

    @Test
    void containsUsesTheFiscalYear() {
        assertThat(FiscalCalendar.contains(2024, YearMonth.of(2025, 3))).isTrue();
        assertThat(FiscalCalendar.contains(2024, YearMonth.of(2024, 3))).isFalse();
    }
}
