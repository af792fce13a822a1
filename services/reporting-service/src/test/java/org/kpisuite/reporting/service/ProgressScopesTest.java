package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.AFTER_YEAR;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.HALF_YEAR;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.calc;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.months;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.value;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Condition;
import org.kpisuite.events.IndicatorEvent.ConditionKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.reporting.domain.MonthlyValue;

/** Cumulative, baseline, exact-fraction and seasonal targets, worked out by hand. */
class ProgressScopesTest {

    private static final Target ARCH_DESIGN = new Target(2024, Comparator.AT_LEAST, new BigDecimal("40"), null, null,
            Scope.CUMULATIVE, 2023, null, null, List.of(new Condition(ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES, 5)),
            null);

    @Test
    void cumulativeSinceFy2023CountsBothYearsAndDistinctDomains() {
        // 22 points in FY2023 over 3 domains, 20 in FY2024 adding 2 more domains: 42 ≥ 40 and 5 domains.
        List<MonthlyValue> values = List.of(
                domain("2023-06", "mobility", "10"), domain("2023-11", "health", "8"), domain("2024-02", "energy", "4"),
                domain("2024-05", "mobility", "6"), domain("2024-10", "finance", "9"), domain("2025-01", "agriculture", "5"));
        Progress p = calc(Aggregation.SUM, ARCH_DESIGN, AFTER_YEAR, values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("42");
        assertThat(p.conditions()).singleElement().satisfies(c -> {
            assertThat(c.actual()).isEqualTo(5);
            assertThat(c.met()).isTrue();
        });
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.achievementRate()).isEqualByComparingTo("1.05");
        assertThat(p.grade()).isEqualTo("B");
    }

    @Test
    void cumulativeTargetMetWithTooFewDomainsIsNotAchieved() {
        List<MonthlyValue> values = List.of(domain("2023-06", "mobility", "30"), domain("2024-05", "health", "15"));
        Progress p = calc(Aggregation.SUM, ARCH_DESIGN, AFTER_YEAR, values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("45");
        assertThat(p.conditions().get(0).actual()).isEqualTo(2);
        assertThat(p.status()).isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(p.grade()).isEqualTo("C");

        // At the half-year review, 18 of 24 months have passed: 30 points are expected by then.
        Progress half = calc(Aggregation.SUM, ARCH_DESIGN, HALF_YEAR, values, List.of());
        assertThat(half.expectedToDate()).isEqualByComparingTo("30");
        assertThat(half.status()).isEqualTo(ProgressStatus.ON_TRACK);
    }

    @Test
    void changeFromTheFy2022Settlement() {
        // regional-investment-gain: 1,250 at the FY2022 settlement, 1,380 at FY2024's: +130 ≥ 100.
        Target target = new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, null,
                Scope.CHANGE_FROM_BASELINE, null, 2022, null, List.of(), null);
        List<MonthlyValue> values = List.of(value("2023-03", "", "1250"), value("2024-03", "", "1300"),
                value("2025-03", "", "1380"));
        Progress p = calc(Aggregation.LAST, target, AFTER_YEAR, values, List.of());
        assertThat(p.baselineValue()).isEqualByComparingTo("1250");
        assertThat(p.actual()).isEqualByComparingTo("130");
        assertThat(p.achievementRate()).isEqualByComparingTo("1.3");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.grade()).isEqualTo("A");

        Target given = new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, null,
                Scope.CHANGE_FROM_BASELINE, null, 2022, new BigDecimal("1300"), List.of(), null);
        assertThat(calc(Aggregation.LAST, given, AFTER_YEAR, values, List.of()).actual()).isEqualByComparingTo("80");
    }

    @Test
    void anIncreaseOverABaselineYearsSumIsOnCourseAtThePaceOfTheYear() {
        // "220 more than FY2023's 380": FY2024 must total 600. 50 a month for April to November is 400 in eight
        // months, on course for 600: +146.67 against FY2023's first eight twelfths, as expected by then, and a
        // forecast of +220 (400 ÷ 8/12 − 380), not +20 set against the whole of FY2023 and extrapolated to +30.
        Target increase = new Target(2024, Comparator.AT_LEAST, new BigDecimal("220"), null, null,
                Scope.CHANGE_FROM_BASELINE, null, 2023, null, List.of(), null);
        List<MonthlyValue> fy2023 = months(2023, 4, "30", "30", "30", "30", "30", "30", "30", "30", "30", "30", "40", "40");
        List<MonthlyValue> fy2024 = months(2024, 4, "50", "50", "50", "50", "50", "50", "50", "50");
        Progress p = calc(Aggregation.SUM, increase, LocalDate.of(2024, 11, 30), fy2024, fy2023);
        assertThat(p.baselineValue()).isEqualByComparingTo("380");
        assertThat(p.actual()).isEqualByComparingTo("146.666667");
        assertThat(p.expectedToDate()).isEqualByComparingTo("146.666667");
        assertThat(p.forecast()).isEqualByComparingTo("220");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.grade()).isEqualTo("B");

        // The chart's running change ends on the same figure, and stays there through a month not yet reported.
        List<MonthlyValue> known = new ArrayList<>(fy2024);
        known.addAll(fy2023);
        var series = ProgressCalculator.series(
                new ProgressCalculator.Input(Aggregation.SUM, increase, false, 2024, LocalDate.of(2024, 12, 10), known));
        assertThat(series.get(7).cumulative()).isEqualByComparingTo("146.666667");
        assertThat(series.get(8).cumulative()).isEqualByComparingTo("146.666667");

        // After the year the whole of FY2023 counts: 600 − 380 = +220.
        List<MonthlyValue> whole = new ArrayList<>(fy2024);
        whole.addAll(months(2024, 12, "50", "50", "50", "50"));
        Progress after = calc(Aggregation.SUM, increase, AFTER_YEAR, whole, fy2023);
        assertThat(after.actual()).isEqualByComparingTo("220");
        assertThat(after.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(after.achievementRate()).isEqualByComparingTo("1");
        List<MonthlyValue> all = new ArrayList<>(whole);
        all.addAll(fy2023);
        assertThat(ProgressCalculator.series(new ProgressCalculator.Input(Aggregation.SUM, increase, false, 2024,
                AFTER_YEAR, all)).get(11).cumulative()).isEqualByComparingTo("220");
    }

    @Test
    void twoInThreeMeetsTwoThirdsExactly() {
        Target twoThirds = new Target(2024, Comparator.AT_LEAST, new BigDecimal("0.666667"), new BigDecimal("2"),
                new BigDecimal("3"), Scope.FISCAL_YEAR, null, null, null, List.of(), null);
        List<MonthlyValue> values = List.of(value("2024-09", IndicatorEvent.NUMERATOR, "8"),
                value("2024-09", IndicatorEvent.DENOMINATOR, "12"), value("2025-03", IndicatorEvent.NUMERATOR, "10"),
                value("2025-03", IndicatorEvent.DENOMINATOR, "15"));
        Progress p = calc(Aggregation.RATIO, twoThirds, AFTER_YEAR, values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("0.666667");
        assertThat(p.achievementRate()).isEqualByComparingTo("1");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.grade()).isEqualTo("B");

        // One answer fewer in the top categories: 17 of 27 is 62.96 %, short of 2/3.
        List<MonthlyValue> fewer = List.of(value("2024-09", IndicatorEvent.NUMERATOR, "7"),
                value("2024-09", IndicatorEvent.DENOMINATOR, "12"), value("2025-03", IndicatorEvent.NUMERATOR, "10"),
                value("2025-03", IndicatorEvent.DENOMINATOR, "15"));
        Progress missed = calc(Aggregation.RATIO, twoThirds, AFTER_YEAR, fewer, List.of());
        assertThat(missed.status()).isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(missed.achievementRate()).isEqualByComparingTo("0.9444");
    }

    @Test
    void seasonalPaceFollowsThePreviousYearsMonthlyShares() {
        // it-exam-applicants: FY2023 had 40 % of its applicants in April and 40 % in October.
        List<MonthlyValue> fy2023 = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2023, 4); !m.isAfter(YearMonth.of(2024, 3)); m = m.plusMonths(1)) {
            String v = m.getMonthValue() == 4 || m.getMonthValue() == 10 ? "200000" : "10000";
            fy2023.add(value(m.toString(), "", v));
        }
        // FY2024 to September: 230,000 + 5 × 11,000 = 285,000; expected 544,090 × 250,000 / 500,000 = 272,045.
        List<MonthlyValue> fy2024 = months(2024, 4, "230000", "11000", "11000", "11000", "11000", "11000");
        Progress p = calc(Aggregation.SUM, Comparator.AT_LEAST, "544090", HALF_YEAR, fy2024, fy2023);
        assertThat(p.pace()).isEqualTo(Progress.Pace.PREVIOUS_YEAR);
        assertThat(p.expectedToDate()).isEqualByComparingTo("272045");
        assertThat(p.forecast()).isEqualByComparingTo("570000");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);

        // By the end of May the two paces differ: seasonal 544,090 × 210,000 / 500,000 = 228,517.8; linear, used
        // when the previous year is incomplete, 544,090 × 2 / 12 = 90,681.67.
        Progress may = calc(Aggregation.SUM, Comparator.AT_LEAST, "544090", LocalDate.of(2024, 5, 31),
                months(2024, 4, "230000", "11000"), fy2023);
        assertThat(may.expectedToDate()).isEqualByComparingTo("228517.8");
        Progress linear = calc(Aggregation.SUM, Comparator.AT_LEAST, "544090", LocalDate.of(2024, 5, 31),
                months(2024, 4, "230000", "11000"), fy2023.subList(0, 11));
        assertThat(linear.pace()).isEqualTo(Progress.Pace.LINEAR);
        assertThat(linear.expectedToDate()).isEqualByComparingTo("90681.666667");
    }

    @Test
    void aValueRightOnTheSeasonalPaceIsOnTrackAndForecastExactly() {
        // FY2023: 50 of its 300 in April, a sixth (a 34-digit sixth is a little more). FY2024: 50 in April, right on
        // the pace of 300 (300 × 1/6), and a forecast of 50 ÷ 1/6 = 300, exactly the target: on track and a B, not
        // the AT_RISK and C that 50.000…01 expected and 299.999… forecast would give.
        List<MonthlyValue> fy2023 = months(2023, 4, "50", "22", "22", "22", "22", "22", "22", "22", "22", "22", "22", "30");
        Progress p = calc(Aggregation.SUM, Comparator.AT_LEAST, "300", LocalDate.of(2024, 4, 30),
                months(2024, 4, "50"), fy2023);
        assertThat(p.pace()).isEqualTo(Progress.Pace.PREVIOUS_YEAR);
        assertThat(p.expectedToDate()).isEqualByComparingTo("50");
        assertThat(p.forecast()).isEqualByComparingTo("300");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.grade()).isEqualTo("B");
    }

    @Test
    void aCumulativeTargetRightOnItsPaceIsForecastExactly() {
        // 96 over FY2023–FY2024, 4 a month: by April 2024 13 of 24 months have passed, 52 are expected, and
        // 52 ÷ 13/24 = 96 is forecast: on track, and a B (95.999… in 34 digits was a C).
        Target twoYears = new Target(2024, Comparator.AT_LEAST, new BigDecimal("96"), null, null, Scope.CUMULATIVE, 2023,
                null, null, List.of(), null);
        List<MonthlyValue> values = new ArrayList<>(months(2023, 4, "4", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4"));
        values.add(value("2024-04", "", "4"));
        Progress p = calc(Aggregation.SUM, twoYears, LocalDate.of(2024, 4, 30), values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("52");
        assertThat(p.expectedToDate()).isEqualByComparingTo("52");
        assertThat(p.forecast()).isEqualByComparingTo("96");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.grade()).isEqualTo("B");
    }

    private static MonthlyValue domain(String month, String domain, String value) {
        return new MonthlyValue("arch-design-points", "", domain, YearMonth.parse(month), new BigDecimal(value));
    }
}
