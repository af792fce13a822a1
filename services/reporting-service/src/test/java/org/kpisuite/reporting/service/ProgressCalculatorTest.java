package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.reporting.domain.MonthlyValue;

/** Cases worked out by hand for each kind of target of the FY2024 plan. */
class ProgressCalculatorTest {

    static final LocalDate HALF_YEAR = LocalDate.of(2024, 9, 30);
    static final LocalDate AFTER_YEAR = LocalDate.of(2025, 4, 30);

    @Test
    void sumOnPaceAtTheHalfYear() {
        // manabi-dx-accesses: 25,000 a month for six months against 300,000.
        Progress p = sum("300000", HALF_YEAR, months(2024, 4, "25000", "25000", "25000", "25000", "25000", "25000"));
        assertThat(p.actual()).isEqualByComparingTo("150000");
        assertThat(p.expectedToDate()).isEqualByComparingTo("150000");
        assertThat(p.achievementRate()).isEqualByComparingTo("0.5");
        assertThat(p.forecast()).isEqualByComparingTo("300000");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.grade()).isEqualTo("B");
        assertThat(p.monthsReported()).isEqualTo(6);
        assertThat(p.lastReportedMonth()).isEqualTo(YearMonth.of(2024, 9));
    }

    @Test
    void sumSlightlyBehindIsAtRiskAndWellBehindIsOffTrack() {
        // 140,000 of an expected 150,000 is 93.3 % of the pace; 130,000 is 86.7 %.
        Progress atRisk = sum("300000", HALF_YEAR, months(2024, 4, "20000", "20000", "20000", "20000", "30000", "30000"));
        assertThat(atRisk.status()).isEqualTo(ProgressStatus.AT_RISK);
        assertThat(atRisk.forecast()).isEqualByComparingTo("280000");
        assertThat(atRisk.grade()).isEqualTo("C");

        Progress offTrack = sum("300000", HALF_YEAR, months(2024, 4, "20000", "20000", "20000", "20000", "20000", "30000"));
        assertThat(offTrack.actual()).isEqualByComparingTo("130000");
        assertThat(offTrack.status()).isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(offTrack.achievementRate()).isEqualByComparingTo("0.4333");
    }

    @Test
    void sumReachedBeforeTheYearEndsIsAchieved() {
        // dx-self-diagnosis-orgs: +220 during FY2024, 230 by December.
        Progress p = sum("220", LocalDate.of(2024, 12, 31), months(2024, 4, "30", "30", "30", "30", "30", "30", "30", "20", "0"));
        assertThat(p.actual()).isEqualByComparingTo("230");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
    }

    @Test
    void sumAfterTheYearIsGradedOnTheActual() {
        // it-exam-applicants: 544,090 exactly is B; 660,000 is 121.3 %, an A; 430,000 is 79.0 %, a D.
        List<MonthlyValue> exact = months(2024, 4, "100000", "20000", "20000", "20000", "20000", "10000",
                "150000", "50000", "50000", "40000", "40000", "24090");
        Progress met = sum("544090", AFTER_YEAR, exact);
        assertThat(met.actual()).isEqualByComparingTo("544090");
        assertThat(met.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(met.achievementRate()).isEqualByComparingTo("1");
        assertThat(met.grade()).isEqualTo("B");

        assertThat(sum("544090", AFTER_YEAR, months(2025, 3, "660000")).grade()).isEqualTo("A");
        Progress missed = sum("544090", AFTER_YEAR, months(2025, 3, "430000"));
        assertThat(missed.status()).isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(missed.achievementRate()).isEqualByComparingTo("0.7903");
        assertThat(missed.grade()).isEqualTo("D");
    }

    @Test
    void lastTakesTheLatestMonthsLevel() {
        // overseas-partner-agencies: a level of 5 in April and 8 in October; target 7.
        Progress p = calc(Aggregation.LAST, Comparator.AT_LEAST, "7", AFTER_YEAR,
                List.of(value("2024-04", "", "5"), value("2024-10", "", "8")), List.of());
        assertThat(p.actual()).isEqualByComparingTo("8");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.achievementRate()).isEqualByComparingTo("1.1429");
        assertThat(p.grade()).isEqualTo("B");
    }

    @Test
    void averageAndMaxOverReportedMonths() {
        List<MonthlyValue> values = List.of(value("2024-04", "", "2.0"), value("2024-07", "", "2.4"),
                value("2024-10", "", "2.5"));
        assertThat(calc(Aggregation.AVERAGE, Comparator.AT_LEAST, "2.2", AFTER_YEAR, values, List.of()).actual())
                .isEqualByComparingTo("2.3");
        Progress max = calc(Aggregation.MAX, Comparator.AT_LEAST, "2.2", LocalDate.of(2024, 11, 15), values, List.of());
        assertThat(max.actual()).isEqualByComparingTo("2.5");
        assertThat(max.status()).isEqualTo(ProgressStatus.ACHIEVED);
    }

    @Test
    void ratioIsTheRatioOfSums() {
        // natsec-satisfaction: 20 top answers of 27 over two surveys is 74.07 %, against 2/3.
        List<MonthlyValue> values = List.of(
                value("2024-09", IndicatorEvent.NUMERATOR, "9"), value("2024-09", IndicatorEvent.DENOMINATOR, "12"),
                value("2025-03", IndicatorEvent.NUMERATOR, "11"), value("2025-03", IndicatorEvent.DENOMINATOR, "15"));
        Progress p = calc(Aggregation.RATIO, Comparator.AT_LEAST, "0.666667", AFTER_YEAR, values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("0.740741");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.achievementRate()).isEqualByComparingTo("1.1111");
    }

    @Test
    void yearOnYearChangeAgainstTheSameMonthsOfThePreviousYear() {
        // admin-cost-efficiency: 100 a month in FY2023, 96 a month in FY2024: −4 % against "at most −3 %".
        List<MonthlyValue> previous = new ArrayList<>();
        List<MonthlyValue> current = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            previous.add(value(YearMonth.of(2023, 4).plusMonths(i).toString(), "", "100"));
            current.add(value(YearMonth.of(2024, 4).plusMonths(i).toString(), "", "96"));
        }
        Progress p = calc(Aggregation.YOY_CHANGE, Comparator.AT_MOST, "-0.03", AFTER_YEAR, current, previous);
        assertThat(p.actual()).isEqualByComparingTo("-0.04");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.achievementRate()).isEqualByComparingTo("1.3333");
        assertThat(p.grade()).isEqualTo("A");

        // Half-way, only April to September of both years count: 6 × 99 against 6 × 100 is −1 %.
        Progress half = calc(Aggregation.YOY_CHANGE, Comparator.AT_MOST, "-0.03", HALF_YEAR,
                months(2024, 4, "99", "99", "99", "99", "99", "99"), previous);
        assertThat(half.actual()).isEqualByComparingTo("-0.01");
        assertThat(half.status()).isEqualTo(ProgressStatus.OFF_TRACK);
    }

    @Test
    void yearOnYearChangeLeavesOutMonthsThePreviousYearLacks() {
        // FY2023 reported April to September only (100 each), FY2024 all twelve months at 97: like for like,
        // 6 × 97 = 582 against 600 is −3 %, which meets "at most −3 %" exactly (not 1,164 against 600).
        Progress p = calc(Aggregation.YOY_CHANGE, Comparator.AT_MOST, "-0.03", AFTER_YEAR,
                months(2024, 4, "97", "97", "97", "97", "97", "97", "97", "97", "97", "97", "97", "97"),
                months(2023, 4, "100", "100", "100", "100", "100", "100"));
        assertThat(p.actual()).isEqualByComparingTo("-0.03");
        assertThat(p.achievementRate()).isEqualByComparingTo("1");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.grade()).isEqualTo("B");
        // No month of the previous year to set against: the change is unknown.
        assertThat(calc(Aggregation.YOY_CHANGE, Comparator.AT_MOST, "-0.03", AFTER_YEAR, months(2024, 4, "97"),
                months(2023, 5, "100")).status()).isEqualTo(ProgressStatus.NO_DATA);
    }

    @Test
    void aCeilingMetAtZeroOrBelowIsAnA() {
        // No ratio measures "at most 3,000" against 0 or a negative total: the ceiling is met with all its room.
        for (String total : List.of("0", "-3800")) {
            Progress p = calc(Aggregation.SUM, Comparator.AT_MOST, "3000", AFTER_YEAR, months(2024, 6, total), List.of());
            assertThat(p.status()).as(total).isEqualTo(ProgressStatus.ACHIEVED);
            assertThat(p.achievementRate()).as(total).isEqualByComparingTo("1.2");
            assertThat(p.grade()).as(total).isEqualTo("A");
        }
        // "At most 0": met exactly is 100 % (B), beaten 120 % (A), missed 0 % (D).
        assertThat(calc(Aggregation.SUM, Comparator.AT_MOST, "0", AFTER_YEAR, months(2024, 6, "0"), List.of()).grade())
                .isEqualTo("B");
        assertThat(calc(Aggregation.SUM, Comparator.AT_MOST, "0", AFTER_YEAR, months(2024, 6, "-1"), List.of()).grade())
                .isEqualTo("A");
        Progress missed = calc(Aggregation.SUM, Comparator.AT_MOST, "0", AFTER_YEAR, months(2024, 6, "2"), List.of());
        assertThat(missed.achievementRate()).isEqualByComparingTo("0");
        assertThat(missed.status()).isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(missed.grade()).isEqualTo("D");
    }

    @Test
    void atMostTargetInvertsTheRatio() {
        // A ceiling of 3,000 million yen with 2,000 used: 150 %.
        Progress p = calc(Aggregation.MAX, Comparator.AT_MOST, "3000", AFTER_YEAR, months(2024, 6, "2000"), List.of());
        assertThat(p.achievementRate()).isEqualByComparingTo("1.5");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
    }

    @Test
    void referenceIndicatorIsNotRatedAndNothingReportedIsNoData() {
        Progress reference = new ProgressCalculatorInput(Aggregation.SUM, Comparator.AT_LEAST, null, true)
                .run(AFTER_YEAR, months(2024, 5, "1"));
        assertThat(reference.status()).isEqualTo(ProgressStatus.NOT_RATED);
        assertThat(reference.actual()).isEqualByComparingTo("1");
        assertThat(reference.grade()).isNull();

        Progress none = sum("2", HALF_YEAR, List.of());
        assertThat(none.status()).isEqualTo(ProgressStatus.NO_DATA);
        assertThat(none.actual()).isNull();
        assertThat(none.grade()).isNull();
    }

    @Test
    void departmentsAndBreakdownsOfAMonthAddUp() {
        // mitou-alumni-outcomes: three categories reported in the same month.
        Progress p = sum("22", HALF_YEAR, List.of(value("2024-05", "", "3"), value("2024-05", "", "4"),
                value("2024-08", "", "5")));
        assertThat(p.actual()).isEqualByComparingTo("12");
        assertThat(p.monthsReported()).isEqualTo(2);
        assertThat(p.expectedToDate()).isEqualByComparingTo("11");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
    }

    private record ProgressCalculatorInput(Aggregation aggregation, Comparator comparator, String target,
            boolean referenceOnly) {
        Progress run(LocalDate asOf, List<MonthlyValue> values) {
            var t = new Target(2024, comparator, target == null ? null : new BigDecimal(target));
            return ProgressCalculator.calculate(new ProgressCalculator.Input(aggregation, t, referenceOnly, 2024, asOf, values));
        }
    }

    static Progress sum(String target, LocalDate asOf, List<MonthlyValue> values) {
        return calc(Aggregation.SUM, Comparator.AT_LEAST, target, asOf, values, List.of());
    }

    static Progress calc(Aggregation aggregation, Comparator comparator, String target, LocalDate asOf,
            List<MonthlyValue> values, List<MonthlyValue> previous) {
        return calc(aggregation, new Target(2024, comparator, new BigDecimal(target)), asOf, values, previous);
    }

    static Progress calc(Aggregation aggregation, Target target, LocalDate asOf, List<MonthlyValue> values,
            List<MonthlyValue> otherYears) {
        List<MonthlyValue> all = new ArrayList<>(values);
        all.addAll(otherYears);
        return ProgressCalculator.calculate(new ProgressCalculator.Input(aggregation, target, false, 2024, asOf, all));
    }

    static List<MonthlyValue> months(int year, int firstMonth, String... values) {
        List<MonthlyValue> result = new ArrayList<>();
        YearMonth month = YearMonth.of(year, firstMonth);
        for (String v : values) {
            result.add(value(month.toString(), "", v));
            month = month.plusMonths(1);
        }
        return result;
    }

    static MonthlyValue value(String month, String component, String value) {
        return new MonthlyValue("x", component, "", YearMonth.parse(month), new BigDecimal(value));
    }
}
