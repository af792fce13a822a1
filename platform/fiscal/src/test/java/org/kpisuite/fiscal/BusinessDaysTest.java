package org.kpisuite.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The closing days of a Japanese government office, against the Cabinet Office's published holiday lists. */
class BusinessDaysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // 2/12, 5/6, 8/12, 9/23 and 11/4 substitute for holidays on a Sunday.
            "2024|01-01 01-08 02-11 02-12 02-23 03-20 04-29 05-03 05-04 05-05 05-06 07-15 08-11 08-12 09-16 09-22 09-23 10-14 11-03 11-04 11-23",
            // 5/4 a Sunday: its substitute is 5/6, past 5/5 (since 2007).
            "2025|01-01 01-13 02-11 02-23 02-24 03-20 04-29 05-03 05-04 05-05 05-06 07-21 08-11 09-15 09-23 10-13 11-03 11-23 11-24",
            // 9/22 lies between 敬老の日 and 秋分の日 (国民の休日).
            "2026|01-01 01-12 02-11 02-23 03-20 04-29 05-03 05-04 05-05 05-06 07-20 08-11 09-21 09-22 09-23 10-12 11-03 11-23",
            // The enthronement: 4/30 to 5/2 and 10/22; no Emperor's birthday that year.
            "2019|01-01 01-14 02-11 03-21 04-29 04-30 05-01 05-02 05-03 05-04 05-05 05-06 07-15 08-11 08-12 09-16 09-23 10-14 10-22 11-03 11-04 11-23",
            // The Tokyo Games moved 海の日, スポーツの日 and 山の日.
            "2020|01-01 01-13 02-11 02-23 02-24 03-20 04-29 05-03 05-04 05-05 05-06 07-23 07-24 08-10 09-21 09-22 11-03 11-23",
            "2021|01-01 01-11 02-11 02-23 03-20 04-29 05-03 05-04 05-05 07-22 07-23 08-08 08-09 09-20 09-23 11-03 11-23",
            // Before the 2007 revision: 5/4 a day between holidays, 12/23 the Emperor's birthday.
            "2005|01-01 01-10 02-11 03-20 03-21 04-29 05-03 05-04 05-05 07-18 09-19 09-23 10-10 11-03 11-23 12-23",
            "2009|01-01 01-12 02-11 03-20 04-29 05-03 05-04 05-05 05-06 07-20 09-21 09-22 09-23 10-12 11-03 11-23 12-23" })
    void theNationalHolidaysOfAYear(int year, String days) {
        List<LocalDate> expected = Arrays.stream(days.split(" ")).map(d -> LocalDate.parse(year + "-" + d)).sorted()
                .toList();
        assertThat(BusinessDays.holidays(year).stream().sorted().toList()).isEqualTo(expected);
    }

    @Test
    void weekendsHolidaysAndTheYearEndAreNoBusinessDays() {
        assertThat(BusinessDays.isBusinessDay(LocalDate.of(2026, 11, 2))).isTrue(); // Monday
        assertThat(BusinessDays.isBusinessDay(LocalDate.of(2026, 11, 3))).isFalse(); // 文化の日
        assertThat(BusinessDays.isBusinessDay(LocalDate.of(2026, 10, 31))).isFalse(); // Saturday
        assertThat(BusinessDays.isBusinessDay(LocalDate.of(2024, 12, 27))).isTrue(); // Friday
        for (String day : List.of("2024-12-30", "2024-12-31", "2025-01-02", "2025-01-03", "2025-12-29")) {
            assertThat(BusinessDays.isBusinessDay(LocalDate.parse(day))).as(day).isFalse();
        }
        assertThat(BusinessDays.isBusinessDay(LocalDate.of(2025, 1, 6))).isTrue();
    }

    @Test
    void countingBusinessDaysForwardAndBack() {
        // October 2026 ends on Saturday 31st; 3 Nov is 文化の日: 2, 4, 5, 6, 9, 10, 11, 12, 13, 16.
        assertThat(BusinessDays.plus(LocalDate.of(2026, 10, 31), 10)).isEqualTo(LocalDate.of(2026, 11, 16));
        // December 2024 ends on Tuesday 31st: the office opens again on Monday 6 January 2025 (1–3 closed, 4–5 a weekend).
        assertThat(BusinessDays.plus(LocalDate.of(2024, 12, 31), 1)).isEqualTo(LocalDate.of(2025, 1, 6));
        assertThat(BusinessDays.plus(LocalDate.of(2026, 11, 16), -3)).isEqualTo(LocalDate.of(2026, 11, 11));
        assertThat(BusinessDays.plus(LocalDate.of(2026, 11, 16), 0)).isEqualTo(LocalDate.of(2026, 11, 16));
    }
}
