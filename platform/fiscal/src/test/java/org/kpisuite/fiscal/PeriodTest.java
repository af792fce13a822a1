package org.kpisuite.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            // text, frequency, fiscal year, first month, last month
            "2024-05, MONTHLY, 2024, 2024-05, 2024-05",
            "2025-03, MONTHLY, 2024, 2025-03, 2025-03",
            "2024-Q1, QUARTERLY, 2024, 2024-04, 2024-06",
            "2024-Q3, QUARTERLY, 2024, 2024-10, 2024-12",
            "2024-Q4, QUARTERLY, 2024, 2025-01, 2025-03",
            "2024-H1, HALF_YEARLY, 2024, 2024-04, 2024-09",
            "2024-H2, HALF_YEARLY, 2024, 2024-10, 2025-03",
            "FY2024, ANNUALLY, 2024, 2024-04, 2025-03" })
    void periodsLieInsideTheirFiscalYear(String text, Frequency frequency, int fiscalYear, String first, String last) {
        Period period = Period.parse(text).orElseThrow();
        assertThat(period.frequency()).isEqualTo(frequency);
        assertThat(period.fiscalYear()).isEqualTo(fiscalYear);
        assertThat(period.firstMonth()).isEqualTo(YearMonth.parse(first));
        assertThat(period.lastMonth()).isEqualTo(YearMonth.parse(last));
        assertThat(period.toString()).isEqualTo(text);
        assertThat(period.toString().length()).isLessThanOrEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-13", "2024-00", "2024-20", "2024-1a", "2024/05", "202a-05", "2024-5", "2024-005",
            "２０２４-05", "2024-Q5", "2024-Q0", "2024-H3", "FY24", "2024", "2024-q1", " 2024-Q1", "" })
    void otherTextIsNoPeriod(String text) {
        assertThat(Period.parse(text)).isEmpty();
    }

    @Test
    void everyMonthReadsAsItsOwnPeriod() {
        for (YearMonth month = YearMonth.of(1999, 1); month.isBefore(YearMonth.of(2101, 1)); month = month.plusMonths(1)) {
            assertThat(Period.parse(month.toString())).contains(Period.of(Frequency.MONTHLY, month));
        }
    }

    @Test
    void theMonthDecidesThePeriodOfEachFrequency() {
        // February 2025 is month 11 of FY2024: quarter (11-1)/3+1 = 4, half (11-1)/6+1 = 2.
        YearMonth february = YearMonth.of(2025, 2);
        assertThat(Period.of(Frequency.QUARTERLY, february)).hasToString("2024-Q4");
        assertThat(Period.of(Frequency.HALF_YEARLY, february)).hasToString("2024-H2");
        assertThat(Period.of(Frequency.ANNUALLY, february)).hasToString("FY2024");
        assertThat(Period.of(Frequency.HALF_YEARLY, YearMonth.of(2024, 9))).hasToString("2024-H1");
    }

    @Test
    void periodsEndWithTheirLastMonth() {
        // On 2024-05-20 only April has ended (1 month): no quarter, half or year has.
        assertThat(Period.ended(Frequency.QUARTERLY, 2024, LocalDate.of(2024, 5, 20))).isZero();
        assertThat(Period.ended(Frequency.ANNUALLY, 2024, LocalDate.of(2024, 5, 20))).isZero();
        // On 2024-06-30 Q1 ends; on 2024-09-30 Q2 and H1 end.
        assertThat(Period.ended(Frequency.QUARTERLY, 2024, LocalDate.of(2024, 6, 30))).isEqualTo(1);
        assertThat(Period.ended(Frequency.HALF_YEARLY, 2024, LocalDate.of(2024, 9, 30))).isEqualTo(1);
        assertThat(Period.ended(Frequency.HALF_YEARLY, 2024, LocalDate.of(2024, 9, 29))).isZero();
        assertThat(Period.ended(Frequency.ANNUALLY, 2024, LocalDate.of(2025, 3, 31))).isEqualTo(1);
        assertThat(Period.ended(Frequency.MONTHLY, 2024, LocalDate.of(2024, 9, 30))).isEqualTo(6);
    }

    @Test
    void periodsBeforeCrossFiscalYears() {
        assertThat(Period.parse("2024-Q1").orElseThrow().minus(1)).hasToString("2023-Q4");
        assertThat(Period.parse("2024-H1").orElseThrow().minus(3)).hasToString("2022-H2");
        assertThat(Period.parse("2024-04").orElseThrow().minus(1)).hasToString("2024-03");
        assertThat(Period.parse("FY2024").orElseThrow().minus(2)).hasToString("FY2022");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024/6/1|2024-06", "2024/06|2024-06", "2024/6|2024-06", "2024-06-01|2024-06", "2024年6月|2024-06",
            "２０２４年６月|2024-06", "2024年6月1日|2024-06", "2025/3/31 0:00|2025-03", "令和6年6月|2024-06",
            "2024年度第1四半期|2024-Q1", "2024年度 第4四半期|2024-Q4", "FY2024 Q2|2024-Q2",
            "2024年度上期|2024-H1", "2024年度下半期|2024-H2", "令和6年度上期|2024-H1", "FY2024-H2|2024-H2",
            "2024年度|FY2024", "令和6年度|FY2024", "fy2024|FY2024", "2024-Q3|2024-Q3",
            // The eras meet in 2019: 平成 to April, 令和 from May; the fiscal year 2019 has both names.
            "令和元年5月|2019-05", "令和1年5月1日|2019-05", "平成31年4月|2019-04", "平成30年6月|2018-06", "平成元年12月|1989-12",
            "令和元年度|FY2019", "平成31年度|FY2019", "平成31年度第1四半期|2019-Q1", "令和元年度下期|2019-H2" })
    void spreadsheetFormsAreReadAsTheirPeriod(String text, String period) {
        assertThat(PeriodText.read(text)).map(Period::toString).contains(period);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024/13/1", "2024/2/30", "2024年13月", "2024年度第5四半期", "June 2024", "6/1/2024", "many",
            "令和0年5月", "令和元年4月", "令和1年4月30日", "平成31年5月", "平成32年1月", "平成0年度", "令和0年度", "平成32年度" })
    void unreadableFormsStayUnread(String text) {
        assertThat(PeriodText.read(text)).isEmpty();
    }
}
