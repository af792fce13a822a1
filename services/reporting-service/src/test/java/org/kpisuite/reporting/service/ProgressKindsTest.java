package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.PartKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.reporting.domain.MonthlyValue;

/**
 * Cases worked out by hand for the kinds the plan states beyond monthly sums: reporting frequencies (quarters,
 * halves, the fiscal year), distinct counts and two-part targets. The arithmetic is in the comments.
 */
class ProgressKindsTest {

    private static final List<Part> REGIONAL = List.of(new Part("valuation-difference", PartKind.STOCK_CHANGE),
            new Part("ordinary-revenue", PartKind.FLOW));

    @Test
    void aQuarterlySumIsExpectedOnlyOnceAQuarterHasEnded() {
        // Target 100 a year; Q1 (April–June) 20, Q2 (July–September) 30.
        var values = List.of(v("2024-Q1", "", "", "20"), v("2024-Q2", "", "", "30"));
        // 2024-11-15: April–October ended = 7 months, whole quarters 7 ÷ 3 = 2, so 6 months of pace:
        // expected 100 × 6/12 = 50; actual 20 + 30 = 50 ≥ 50: ON_TRACK. Forecast: the last quarter reported ends in
        // September, 6/12 of the year: 50 ÷ 0.5 = 100, rate 1.0: B.
        Progress p = calc(Aggregation.SUM, target("100"), Frequency.QUARTERLY, "2024-11-15", values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("50");
        assertThat(p.expectedToDate()).isEqualByComparingTo("50");
        assertThat(p.forecast()).isEqualByComparingTo("100");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.grade()).isEqualTo("B");
        assertThat(p.monthsReported()).isEqualTo(2);
        assertThat(p.lastReportedPeriod()).isEqualTo("2024-Q2");

        // 2024-05-20: no quarter has ended, nothing is expected yet: 0, and no value is no data, not "late".
        Progress early = calc(Aggregation.SUM, target("100"), Frequency.QUARTERLY, "2024-05-20", List.of(), List.of());
        assertThat(early.expectedToDate()).isEqualByComparingTo("0");
        assertThat(early.status()).isEqualTo(ProgressStatus.NO_DATA);
    }

    @Test
    void aHalfYearlyCommitteeIsNotMissingTenMonths() {
        // contract-committee-meetings: at least 2 a year, reported per half. H1 (April–September): 1 meeting.
        var values = List.of(v("2024-H1", "", "", "1"));
        // 2024-10-10: one half has ended: expected 2 × 6/12 = 1; actual 1 ≥ 1: ON_TRACK; forecast 1 ÷ (6/12) = 2: B.
        Progress p = calc(Aggregation.SUM, target("2"), Frequency.HALF_YEARLY, "2024-10-10", values, List.of());
        assertThat(p.expectedToDate()).isEqualByComparingTo("1");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("2");
        assertThat(p.grade()).isEqualTo("B");
        // 2024-08-31: the first half has not ended: expected 0, and the meeting of H1 already counts once recorded.
        Progress august = calc(Aggregation.SUM, target("2"), Frequency.HALF_YEARLY, "2024-08-31", values, List.of());
        assertThat(august.expectedToDate()).isEqualByComparingTo("0");
        assertThat(august.status()).isEqualTo(ProgressStatus.ON_TRACK);
        // After the year, H1 1 + H2 1 = 2 ≥ 2: ACHIEVED.
        Progress year = calc(Aggregation.SUM, target("2"), Frequency.HALF_YEARLY, "2025-04-30",
                List.of(v("2024-H1", "", "", "1"), v("2024-H2", "", "", "1")), List.of());
        assertThat(year.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(year.actual()).isEqualByComparingTo("2");
    }

    @Test
    void anAnnualSurveyIsAFiscalYearsRatio() {
        // natsec-satisfaction, surveyed once: 18 of 27 answers in the top categories; 18/27 = 2/3 exactly meets 2/3.
        Target twoThirds = new Target(2024, Comparator.AT_LEAST, new BigDecimal("0.666667"), new BigDecimal("2"),
                new BigDecimal("3"), Scope.FISCAL_YEAR, null, null, null, List.of(), null);
        var values = List.of(v("FY2024", IndicatorEvent.NUMERATOR, "", "18"), v("FY2024", IndicatorEvent.DENOMINATOR, "", "27"));
        Progress p = calc(Aggregation.RATIO, twoThirds, Frequency.ANNUALLY, "2025-04-30", values, List.of());
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.achievementRate()).isEqualByComparingTo("1");
        assertThat(p.lastReportedPeriod()).isEqualTo("FY2024");
        // In May nothing is due: no data, and the level expected is the target itself (a ratio is a level).
        Progress may = calc(Aggregation.RATIO, twoThirds, Frequency.ANNUALLY, "2024-05-20", List.of(), List.of());
        assertThat(may.status()).isEqualTo(ProgressStatus.NO_DATA);
    }

    @Test
    void anAnnualScoreIsTheYearsLevel() {
        // ipa-dx-maturity: the self-diagnosis gives 2.4 for FY2024 against 2.2: 2.4 ÷ 2.2 = 1.0909: ACHIEVED, B.
        Progress p = calc(Aggregation.LAST, target("2.2"), Frequency.ANNUALLY, "2025-04-01",
                List.of(v("FY2024", "", "", "2.4"), v("FY2023", "", "", "1.9")), List.of());
        assertThat(p.actual()).isEqualByComparingTo("2.4");
        assertThat(p.achievementRate()).isEqualByComparingTo("1.0909");
        assertThat(p.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(p.grade()).isEqualTo("B");
    }

    @Test
    void aDistinctCountCountsEachBodyOncePerYear() {
        // partner-organisations, at least 10 bodies in FY2024. Reported:
        //   2024-04 dept a: 東京都 1, 大阪府 1
        //   2024-05 dept b: 東京都 1 (another department, the same body), 中小企業団体X 1
        //   2024-06 dept a: 福岡県 0 (reported, then withdrawn by a correction to 0)
        //   2024-03 (FY2023): 京都府 1, continuing bodies count only when reported in FY2024
        // Distinct bodies with a positive value in FY2024: 東京都, 大阪府, 中小企業団体X = 3.
        var values = List.of(v("2024-04", "", "東京都", "1"), v("2024-04", "", "大阪府", "1"),
                v("2024-05", "", "東京都", "1"), v("2024-05", "", "中小企業団体X", "1"), v("2024-06", "", "福岡県", "0"),
                v("2024-03", "", "京都府", "1"));
        // 2024-06-30: 3 months ended: expected 10 × 3/12 = 2.5; 3 ≥ 2.5: ON_TRACK. Forecast 3 ÷ (3/12) = 12, rate 1.2: A.
        Progress p = calc(Aggregation.DISTINCT_COUNT, target("10"), Frequency.MONTHLY, "2024-06-30", values, List.of());
        assertThat(p.actual()).isEqualByComparingTo("3");
        assertThat(p.expectedToDate()).isEqualByComparingTo("2.5");
        assertThat(p.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("12");
        assertThat(p.grade()).isEqualTo("A");
        // The series: April 2 bodies, May 2 (東京都 again and one new), June 0; running 2, 3, 3.
        var series = ProgressCalculator.series(input(Aggregation.DISTINCT_COUNT, target("10"), Frequency.MONTHLY,
                "2024-06-30", values, List.of()));
        assertThat(series.subList(0, 3)).extracting(ProgressCalculator.MonthPoint::value)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2"), new BigDecimal("2"), BigDecimal.ZERO);
        assertThat(series.subList(0, 3)).extracting(ProgressCalculator.MonthPoint::cumulative)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("3"));
        // Ten distinct bodies reached during the year: ACHIEVED at once (a count cannot fall back).
        var ten = new java.util.ArrayList<>(values);
        for (int i = 1; i <= 7; i++) {
            ten.add(v("2024-06", "", "body-" + i, "1"));
        }
        assertThat(calc(Aggregation.DISTINCT_COUNT, target("10"), Frequency.MONTHLY, "2024-06-30", ten, List.of())
                .status()).isEqualTo(ProgressStatus.ACHIEVED);
    }

    @Test
    void aTwoPartTargetAddsAStocksChangeAndAFlow() {
        // regional-investment-gain, ≥ 100 million yen by the end of FY2024 against the FY2022 settlement:
        //   valuation difference (a stock): FY2022 settlement 2022-H2 = 400; 2024-H1 = 430; 2024-H2 = 450
        //   ordinary revenue (a flow): 2023-H1 = 25 (FY2023, not counted); 2024-H1 = 30; 2024-H2 = 35
        Target target = new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, null,
                Scope.CHANGE_FROM_BASELINE, null, 2022, null, List.of(), null);
        var values = List.of(v("2022-H2", "valuation-difference", "", "400"), v("2024-H1", "valuation-difference", "", "430"),
                v("2024-H2", "valuation-difference", "", "450"), v("2023-H1", "ordinary-revenue", "", "25"),
                v("2024-H1", "ordinary-revenue", "", "30"), v("2024-H2", "ordinary-revenue", "", "35"));
        // Year end: (450 − 400) + (30 + 35) = 50 + 65 = 115 ≥ 100: ACHIEVED, rate 1.15: B. Baseline 400.
        Progress year = calc(Aggregation.SUM_OF_PARTS, target, Frequency.HALF_YEARLY, "2025-05-31", values, REGIONAL);
        assertThat(year.actual()).isEqualByComparingTo("115");
        assertThat(year.baselineValue()).isEqualByComparingTo("400");
        assertThat(year.status()).isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(year.grade()).isEqualTo("B");
        // After the interim settlement (2024-10-31, H2 not yet reported): (430 − 400) + 30 = 60; expected
        // 100 × 6/12 = 50: ON_TRACK. Forecast: the stock's change stands, the flow doubles: 30 + 30 ÷ 0.5 = 90: C.
        var interim = values.stream().filter(x -> !x.period().toString().equals("2024-H2")).toList();
        Progress half = calc(Aggregation.SUM_OF_PARTS, target, Frequency.HALF_YEARLY, "2024-10-31", interim, REGIONAL);
        assertThat(half.actual()).isEqualByComparingTo("60");
        assertThat(half.expectedToDate()).isEqualByComparingTo("50");
        assertThat(half.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(half.forecast()).isEqualByComparingTo("90");
        assertThat(half.grade()).isEqualTo("C");
        // The FY2022 level given as a baseline of 420 instead: (450 − 420) + 65 = 95 < 100: OFF_TRACK, 0.95: C.
        Target given = new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"), null, null,
                Scope.CHANGE_FROM_BASELINE, null, 2022, new BigDecimal("420"), List.of(), null);
        Progress withBaseline = calc(Aggregation.SUM_OF_PARTS, given, Frequency.HALF_YEARLY, "2025-05-31",
                values.subList(1, values.size()), REGIONAL);
        assertThat(withBaseline.actual()).isEqualByComparingTo("95");
        assertThat(withBaseline.status()).isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(withBaseline.grade()).isEqualTo("C");
        // Without the stock's FY2024 level its change is unknown: no actual yet.
        Progress noStock = calc(Aggregation.SUM_OF_PARTS, target, Frequency.HALF_YEARLY, "2024-10-31",
                List.of(v("2022-H2", "valuation-difference", "", "400"), v("2024-H1", "ordinary-revenue", "", "30")),
                REGIONAL);
        assertThat(noStock.status()).isEqualTo(ProgressStatus.NO_DATA);
    }

    @Test
    void aReferenceIndicatorIsTrackedNeverRated() {
        // cabinet-liaison-offices: 1 + 2 = 3 times, no target: NOT_RATED, no grade, no forecast.
        Target none = new Target(2024, Comparator.AT_MOST, null);
        Progress p = calc(Aggregation.SUM, none, Frequency.MONTHLY, "2024-09-30",
                List.of(v("2024-05", "", "", "1"), v("2024-08", "", "", "2")), List.of());
        assertThat(p.status()).isEqualTo(ProgressStatus.NOT_RATED);
        assertThat(p.actual()).isEqualByComparingTo("3");
        assertThat(p.grade()).isNull();
        assertThat(p.achievementRate()).isNull();
    }

    private static Target target(String value) {
        return new Target(2024, Comparator.AT_LEAST, new BigDecimal(value));
    }

    private static Progress calc(Aggregation aggregation, Target target, Frequency frequency, String asOf,
            List<MonthlyValue> values, List<Part> parts) {
        return ProgressCalculator.calculate(input(aggregation, target, frequency, asOf, values, parts));
    }

    private static ProgressCalculator.Input input(Aggregation aggregation, Target target, Frequency frequency,
            String asOf, List<MonthlyValue> values, List<Part> parts) {
        return new ProgressCalculator.Input(aggregation, target, false, 2024, LocalDate.parse(asOf), values, frequency,
                parts);
    }

    private static MonthlyValue v(String period, String component, String breakdown, String value) {
        return new MonthlyValue("x", component, breakdown, Period.parse(period).orElseThrow(), new BigDecimal(value));
    }
}
