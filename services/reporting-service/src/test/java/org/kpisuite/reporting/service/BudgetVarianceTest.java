package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.BudgetEvent.Ceiling;
import org.kpisuite.events.BudgetEvent.Kind;
import org.kpisuite.events.BudgetEvent.Line;
import org.kpisuite.events.BudgetEvent.Side;
import org.kpisuite.events.BudgetEvent.Table;
import org.kpisuite.reporting.service.BudgetVariance.Analysis;
import org.kpisuite.reporting.service.BudgetVariance.CeilingReport;
import org.kpisuite.reporting.service.BudgetVariance.CeilingStatus;
import org.kpisuite.reporting.service.BudgetVariance.LineReport;
import org.kpisuite.reporting.service.BudgetVariance.MonthActual;
import org.kpisuite.reporting.service.BudgetVariance.Profile;
import org.kpisuite.reporting.service.BudgetVariance.Report;
import org.kpisuite.reporting.service.BudgetVariance.Settings;
import org.kpisuite.reporting.service.BudgetVariance.Status;

/**
 * Budgets of FY2024 (April 2024 … March 2025) built by hand; every expected figure is worked out beside its
 * assertion. Shares are exact fractions inside the class (1/12, 2/12, 3/12), shown to four places.
 */
class BudgetVarianceTest {

    static final Settings SETTINGS = new Settings(new BigDecimal("0.10"), 2, new BigDecimal("0.8"));
    static final LocalDate END_OF_JUNE = LocalDate.of(2024, 6, 30);
    static final String BALANCE = "short-term-borrowing-balance";

    // ---- 1. linear profile ------------------------------------------------------------------------------------

    @Test
    void linearProfileFiguresAndTheThresholdEdge() {
        Table t = table("t", List.of(),
                line("a", "1000"), line("b", "1200"), line("c", "1200"), line("d", "1000"), line("e", "1000"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-a", months("2024-04", "100", "2024-05", "100", "2024-06", "100"));
        actuals.put("t-b", months("2024-04", "110", "2024-05", "110", "2024-06", "110"));
        actuals.put("t-c", months("2024-04", "110", "2024-05", "110", "2024-06", "110.3"));
        actuals.put("t-d", months("2024-04", "75", "2024-05", "75", "2024-06", "75"));
        actuals.put("t-e", months("2024-04", "75", "2024-05", "75", "2024-06", "74"));

        Report r = calculate(budget(null, t), actuals, Map.of(), END_OF_JUNE);

        assertThat(r.fiscalYear()).isEqualTo(2024);
        assertThat(r.budgetVersion()).isEqualTo(1);
        assertThat(r.unit()).isEqualTo("百万円");
        assertThat(r.asOf()).isEqualTo(END_OF_JUNE);
        assertThat(r.driftThreshold()).isEqualByComparingTo("0.10");
        assertThat(r.monthsElapsed()).isEqualTo(3); // April, May, June
        assertThat(r.reportedThrough()).isEqualTo("2024-06");

        // 3 months of 12 elapsed, linear share 0.25; actual 300 → projected 300/0.25 = 1200;
        // variance 1200−1000 = 200 → rate 0.2000 > 0.10 → DRIFTING
        LineReport a = line(r, "t-a");
        assertThat(a.actual()).isEqualByComparingTo("300");
        assertThat(a.executionRate()).isEqualByComparingTo("0.3000"); // 300/1000
        assertThat(a.profile()).isEqualTo(Profile.LINEAR);
        assertThat(a.expectedShare()).isEqualTo(new BigDecimal("0.2500")); // 3/12, scale 4
        assertThat(a.expectedToDate()).isEqualByComparingTo("250"); // 1000 × 0.25
        assertThat(a.projected()).isEqualByComparingTo("1200"); // 300 / 0.25
        assertThat(a.projectedVariance()).isEqualByComparingTo("200"); // 1200 − 1000
        assertThat(a.varianceRate()).isEqualByComparingTo("0.2000"); // 200 / 1000
        assertThat(a.status()).isEqualTo(Status.DRIFTING); // 0.2 > 0.10
        assertThat(a.takesActuals()).isTrue();
        assertThat(a.total()).isFalse();
        assertThat(a.sumOfParts()).isNull(); // a plain line of a table that takes actuals
        assertThat(a.printedDifference()).isNull();

        // actual 330 → projected 330/0.25 = 1320; variance 120 → rate 120/1200 = 0.1000, exactly 10 % → ON_BUDGET
        LineReport b = line(r, "t-b");
        assertThat(b.executionRate()).isEqualByComparingTo("0.2750"); // 330/1200
        assertThat(b.expectedToDate()).isEqualByComparingTo("300"); // 1200 × 0.25
        assertThat(b.projected()).isEqualByComparingTo("1320");
        assertThat(b.projectedVariance()).isEqualByComparingTo("120");
        assertThat(b.varianceRate()).isEqualByComparingTo("0.1000");
        assertThat(b.status()).isEqualTo(Status.ON_BUDGET);

        // actual 330.3 → projected 1321.2; variance 121.2 → rate 121.2/1200 = 0.1010 > 0.10 → DRIFTING
        LineReport c = line(r, "t-c");
        assertThat(c.projected()).isEqualByComparingTo("1321.2");
        assertThat(c.projectedVariance()).isEqualByComparingTo("121.2");
        assertThat(c.varianceRate()).isEqualByComparingTo("0.1010");
        assertThat(c.status()).isEqualTo(Status.DRIFTING);

        // shortfall: actual 225 → projected 900; variance −100 → rate −0.1000, |rate| exactly 10 % → ON_BUDGET
        LineReport d = line(r, "t-d");
        assertThat(d.projected()).isEqualByComparingTo("900");
        assertThat(d.projectedVariance()).isEqualByComparingTo("-100");
        assertThat(d.varianceRate()).isEqualByComparingTo("-0.1000");
        assertThat(d.status()).isEqualTo(Status.ON_BUDGET);

        // shortfall: actual 224 → projected 896; variance −104 → rate −0.1040, |rate| > 10 % → DRIFTING
        LineReport e = line(r, "t-e");
        assertThat(e.projected()).isEqualByComparingTo("896");
        assertThat(e.varianceRate()).isEqualByComparingTo("-0.1040");
        assertThat(e.status()).isEqualTo(Status.DRIFTING);
    }

    // ---- 2. months elapsed --------------------------------------------------------------------------------------

    @Test
    void monthsElapsedRunFromAprilToTheLatestMonthOfAnyLine() {
        Table t = table("t", List.of(), line("a", "1200"), line("b", "1200"));
        Table u = table("u", List.of(), line("c", "1200"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-a", months("2024-04", "100", "2024-06", "100"));
        actuals.put("u-c", months("2024-07", "400"));

        Report r = calculate(budget(null, t, u), actuals, Map.of(), LocalDate.of(2024, 8, 15));

        // latest month with an actual of any line is July (line u-c) → April…July = 4 months, August has none yet
        assertThat(r.reportedThrough()).isEqualTo("2024-07");
        assertThat(r.monthsElapsed()).isEqualTo(4);
        // t-b has no actual at all: not judged (missing, not off budget) although 4 months elapsed;
        // its expected share is still shown: 4/12 = 0.3333, expected 1200 × 0.3333333333 = 399.99999996 → 400.000
        LineReport b = line(r, "t-b");
        assertThat(b.expectedShare()).isEqualTo(new BigDecimal("0.3333"));
        assertThat(b.expectedToDate()).isEqualByComparingTo("400");
        assertThat(b.actual()).isEqualByComparingTo("0");
        assertThat(b.projected()).isNull();
        assertThat(b.varianceRate()).isNull();
        assertThat(b.status()).isEqualTo(Status.NO_ACTUALS);
        assertThat(r.drifting()).doesNotContain("t-b");
        // t-a: 200 / 0.3333333333 = 600.00000006 → 600.000
        assertThat(line(r, "t-a").projected()).isEqualByComparingTo("600");
    }

    @Test
    void monthsAfterTheAsOfMonthAndBeforeTheYearAreIgnored() {
        Table t = table("t", List.of(), line("a", "1200"));
        // March 2024 belongs to FY2023 and September is after the asOf month (June): both ignored
        Map<String, Map<YearMonth, BigDecimal>> actuals = Map.of("t-a",
                months("2024-03", "5000", "2024-04", "100", "2024-05", "100", "2024-09", "9000"));

        Report r = calculate(budget(null, t), actuals, Map.of(), LocalDate.of(2024, 6, 10));

        // latest month ≤ June with a value is May → 2 months elapsed, June not yet reported
        assertThat(r.reportedThrough()).isEqualTo("2024-05");
        assertThat(r.monthsElapsed()).isEqualTo(2);
        LineReport a = line(r, "t-a");
        assertThat(a.actual()).isEqualByComparingTo("200"); // 100 + 100, neither 5000 nor 9000
        assertThat(a.months()).extracting(MonthActual::month).containsExactly("2024-04", "2024-05");
        // share 2/12, shown 0.1667; 200 × 12 / 2 = 1200 → variance 0
        assertThat(a.expectedShare()).isEqualTo(new BigDecimal("0.1667"));
        assertThat(a.projected()).isEqualByComparingTo("1200");
        assertThat(a.varianceRate()).isEqualByComparingTo("0");
        assertThat(a.status()).isEqualTo(Status.ON_BUDGET);
    }

    @Test
    void noActualsAtAllIsNotJudged() {
        Table t = table("t", List.of(), line("a", "1000"));

        Report r = calculate(budget(null, t), Map.of(), Map.of(), END_OF_JUNE);

        assertThat(r.monthsElapsed()).isZero();
        assertThat(r.reportedThrough()).isNull();
        assertThat(r.drifting()).isEmpty();
        LineReport a = line(r, "t-a");
        assertThat(a.status()).isEqualTo(Status.NO_ACTUALS);
        assertThat(a.actual()).isEqualByComparingTo("0");
        assertThat(a.executionRate()).isEqualByComparingTo("0"); // 0 / 1000
        assertThat(a.expectedShare()).isEqualByComparingTo("0"); // 0 months elapsed
        assertThat(a.expectedToDate()).isEqualByComparingTo("0");
        assertThat(a.projected()).isNull();
        assertThat(a.projectedVariance()).isNull();
        assertThat(a.varianceRate()).isNull();
        assertThat(a.months()).isEmpty();
    }

    // ---- 3. judgedFromMonth ------------------------------------------------------------------------------------

    @Test
    void aBigDeviationIsJudgedFromTheSecondMonthOn() {
        Table t = table("t", List.of(), line("a", "1200"));

        // April only: share 1/12; 500 × 12 / 1 = 6000;
        // variance 4800 → rate 4.0000, but 1 month elapsed < judgedFromMonth 2 → ON_BUDGET
        Report april = calculate(budget(null, t), Map.of("t-a", months("2024-04", "500")), Map.of(),
                LocalDate.of(2024, 4, 30));
        LineReport a1 = line(april, "t-a");
        assertThat(april.monthsElapsed()).isEqualTo(1);
        assertThat(a1.expectedShare()).isEqualTo(new BigDecimal("0.0833"));
        assertThat(a1.expectedToDate()).isEqualByComparingTo("100"); // 1200 × 1/12
        assertThat(a1.projected()).isEqualByComparingTo("6000");
        assertThat(a1.varianceRate()).isEqualByComparingTo("4.0000");
        assertThat(a1.status()).isEqualTo(Status.ON_BUDGET);
        assertThat(april.drifting()).isEmpty();

        // April and May: share 2/12; 1000 × 12 / 2 = 6000; rate 4.0000, 2 months ≥ 2 → DRIFTING
        Report may = calculate(budget(null, t), Map.of("t-a", months("2024-04", "500", "2024-05", "500")), Map.of(),
                LocalDate.of(2024, 5, 31));
        LineReport a2 = line(may, "t-a");
        assertThat(may.monthsElapsed()).isEqualTo(2);
        assertThat(a2.projected()).isEqualByComparingTo("6000");
        assertThat(a2.varianceRate()).isEqualByComparingTo("4.0000");
        assertThat(a2.status()).isEqualTo(Status.DRIFTING);
        assertThat(may.drifting()).containsExactly("t-a");
    }

    @Test
    void aBudgetCountedInYenIsProjectedToTheYen() {
        // 4,341,000,000 yen; April and May spent 723,500,000, a sixth: 723,500,000 × 12 / 2 = 4,341,000,000 exactly,
        // on budget (a share rounded to 2/12 = 0.1666666667 first projected 4,340,999,991.32).
        Table t = table("t", List.of(), line("a", "4341000000"));
        Report may = calculate(budget(null, t), Map.of("t-a", months("2024-04", "361750000", "2024-05", "361750000")),
                Map.of(), LocalDate.of(2024, 5, 31));
        LineReport a = line(may, "t-a");
        assertThat(a.expectedShare()).isEqualTo(new BigDecimal("0.1667"));
        assertThat(a.expectedToDate()).isEqualByComparingTo("723500000");
        assertThat(a.projected()).isEqualByComparingTo("4341000000");
        assertThat(a.projectedVariance()).isEqualByComparingTo("0");
        assertThat(a.varianceRate()).isEqualByComparingTo("0");
        assertThat(a.status()).isEqualTo(Status.ON_BUDGET);
    }

    // ---- 4. last year's profile -------------------------------------------------------------------------------

    @Test
    void lastYearsProfileWithAPositiveTotalIsUsedElseLinear() {
        Table t = table("t", List.of(),
                line("a", "1200"), line("zero", "1200"), line("negative", "1200"), line("none", "1200"),
                line("over", "1200"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-a", months("2024-04", "60", "2024-05", "60", "2024-06", "120"));
        actuals.put("t-zero", months("2024-04", "100", "2024-05", "100", "2024-06", "100"));
        actuals.put("t-negative", months("2024-04", "100", "2024-05", "100", "2024-06", "100"));
        actuals.put("t-none", months("2024-04", "100", "2024-05", "100", "2024-06", "100"));
        actuals.put("t-over", months("2024-04", "100", "2024-05", "100", "2024-06", "100"));
        Map<String, Map<YearMonth, BigDecimal>> lastYear = new HashMap<>();
        // FY2023 = 2023-04 … 2024-03; 2023-03 (FY2022) is not last year and is ignored
        lastYear.put("t-a", months("2023-03", "5000", "2023-04", "50", "2023-05", "50", "2023-06", "100",
                "2024-01", "800"));
        lastYear.put("t-zero", months("2023-04", "100", "2023-05", "-100"));
        lastYear.put("t-negative", months("2023-04", "-50"));
        // positive total 300 − 100 = 200, but 300 by June is a share of 1.5 (> 1), not a profile → linear
        lastYear.put("t-over", months("2023-04", "300", "2023-12", "-100"));

        Report r = calculate(budget(null, t), actuals, lastYear, END_OF_JUNE);

        // last year's total 50+50+100+800 = 1000, by June (same 3 months) 200 → share 0.2000;
        // expected 1200 × 0.2 = 240; actual 240 → projected 240/0.2 = 1200 → variance 0 → ON_BUDGET
        // (a linear share of 0.25 would have projected 960, rate −0.2, DRIFTING)
        LineReport a = line(r, "t-a");
        assertThat(a.profile()).isEqualTo(Profile.LAST_YEAR);
        assertThat(a.expectedShare()).isEqualTo(new BigDecimal("0.2000"));
        assertThat(a.expectedToDate()).isEqualByComparingTo("240");
        assertThat(a.projected()).isEqualByComparingTo("1200");
        assertThat(a.projectedVariance()).isEqualByComparingTo("0");
        assertThat(a.varianceRate()).isEqualByComparingTo("0");
        assertThat(a.status()).isEqualTo(Status.ON_BUDGET);

        // last year's total 0, −50, nothing, or a share over 1 → linear 0.25: 300/0.25 = 1200 → ON_BUDGET
        for (String code : List.of("t-zero", "t-negative", "t-none", "t-over")) {
            LineReport l = line(r, code);
            assertThat(l.profile()).as(code).isEqualTo(Profile.LINEAR);
            assertThat(l.expectedShare()).as(code).isEqualTo(new BigDecimal("0.2500"));
            assertThat(l.projected()).as(code).isEqualByComparingTo("1200");
            assertThat(l.status()).as(code).isEqualTo(Status.ON_BUDGET);
        }
    }

    @Test
    void lastYearsProfileWithNothingYetByThisMonthProjectsActualPlusBudget() {
        Table t = table("t", List.of(), line("a", "1200"));
        // last year: nothing in April or May, 1000 in March 2024 → total 1000 > 0, share by May 0/1000 = 0
        Report r = calculate(budget(null, t), Map.of("t-a", months("2024-04", "10", "2024-05", "20")),
                Map.of("t-a", months("2024-03", "1000")), LocalDate.of(2024, 5, 31));

        LineReport a = line(r, "t-a");
        assertThat(a.profile()).isEqualTo(Profile.LAST_YEAR);
        assertThat(a.expectedShare()).isEqualByComparingTo("0");
        assertThat(a.expectedToDate()).isEqualByComparingTo("0"); // 1200 × 0
        // share 0 → projected = actual + budget = 30 + 1200 = 1230; variance 30 → rate 30/1200 = 0.0250 → ON_BUDGET
        assertThat(a.projected()).isEqualByComparingTo("1230");
        assertThat(a.projectedVariance()).isEqualByComparingTo("30");
        assertThat(a.varianceRate()).isEqualByComparingTo("0.0250");
        assertThat(a.status()).isEqualTo(Status.ON_BUDGET);
    }

    // ---- 5. total and result lines ------------------------------------------------------------------------------

    @Test
    void totalAndResultLinesAddUpTheirPartsSigned() {
        Table t = table("t", List.of(),
                line("rev-grant", Side.REVENUE, "1000"),
                line("rev-other", Side.REVENUE, "200"),
                total("rev-total", Side.REVENUE, "1199", "rev-grant", "rev-other"),
                line("exp-ops", Side.EXPENDITURE, "800"),
                line("exp-staff", Side.EXPENDITURE, "300"),
                total("exp-total", Side.EXPENDITURE, "1100", "exp-ops", "exp-staff"),
                total("result", Side.RESULT, "100", "rev-total", "-exp-total"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-rev-grant", months("2024-04", "100", "2024-05", "100", "2024-06", "100"));
        actuals.put("t-rev-other", months("2024-04", "50", "2024-06", "10"));
        actuals.put("t-exp-ops", months("2024-04", "60", "2024-05", "60", "2024-06", "60"));
        actuals.put("t-exp-staff", months("2024-05", "90"));

        Report r = calculate(budget(null, t), actuals, Map.of(), END_OF_JUNE);

        // rev-total: actual 300 + 60 = 360; printed 1199 against parts 1000 + 200 = 1200 → difference −1
        LineReport revTotal = line(r, "t-rev-total");
        assertThat(revTotal.total()).isTrue();
        assertThat(revTotal.takesActuals()).isFalse();
        assertThat(revTotal.actual()).isEqualByComparingTo("360");
        assertThat(revTotal.budget()).isEqualByComparingTo("1199"); // kept as printed
        assertThat(revTotal.sumOfParts()).isEqualByComparingTo("1200");
        assertThat(revTotal.printedDifference()).isEqualByComparingTo("-1");
        // the rate is against the printed 1199: projected 360/0.25 = 1440, variance 241 → 241/1199 = 0.20100… → 0.2010
        assertThat(revTotal.projected()).isEqualByComparingTo("1440");
        assertThat(revTotal.varianceRate()).isEqualByComparingTo("0.2010");

        // exp-total: actual 180 + 90 = 270; printed 1100 = 800 + 300 → difference null
        LineReport expTotal = line(r, "t-exp-total");
        assertThat(expTotal.actual()).isEqualByComparingTo("270");
        assertThat(expTotal.sumOfParts()).isEqualByComparingTo("1100");
        assertThat(expTotal.printedDifference()).isNull();

        // result = rev-total − exp-total: actual 360 − 270 = 90; parts' printed 1199 − 1100 = 99; printed 100 → +1
        LineReport result = line(r, "t-result");
        assertThat(result.total()).isTrue();
        assertThat(result.takesActuals()).isFalse();
        assertThat(result.actual()).isEqualByComparingTo("90");
        assertThat(result.sumOfParts()).isEqualByComparingTo("99");
        assertThat(result.printedDifference()).isEqualByComparingTo("1");
        // per month: April 150 − 60 = 90, May 100 − 150 = −50, June 110 − 60 = 50
        assertThat(result.months()).extracting(MonthActual::month).containsExactly("2024-04", "2024-05", "2024-06");
        assertThat(result.months()).extracting(MonthActual::actual)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("90"), new BigDecimal("-50"), new BigDecimal("50"));
        // projected 90/0.25 = 360, variance 260 → rate 2.6000 → DRIFTING
        assertThat(result.projected()).isEqualByComparingTo("360");
        assertThat(result.projectedVariance()).isEqualByComparingTo("260");
        assertThat(result.varianceRate()).isEqualByComparingTo("2.6000");
        assertThat(result.status()).isEqualTo(Status.DRIFTING);
    }

    @Test
    void printedNineWithPartsOneAndNineIsADifferenceOfMinusOne() {
        Table t = table("t", List.of(), line("x", "1"), line("y", "9"), total("sum", Side.EXPENDITURE, "9", "x", "y"));

        LineReport sum = line(calculate(budget(null, t), Map.of(), Map.of(), END_OF_JUNE), "t-sum");

        assertThat(sum.budget()).isEqualByComparingTo("9");
        assertThat(sum.sumOfParts()).isEqualByComparingTo("10"); // 1 + 9
        assertThat(sum.printedDifference()).isEqualByComparingTo("-1"); // 9 − 10
    }

    @Test
    void aNegativeBudgetIsMeasuredAgainstItsSize() {
        Table t = table("t", List.of(),
                line("rev", Side.REVENUE, "800"),
                line("exp", Side.EXPENDITURE, "1000"),
                total("result", Side.RESULT, "-200", "rev", "-exp"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-rev", months("2024-04", "60", "2024-05", "60", "2024-06", "60"));
        actuals.put("t-exp", months("2024-04", "70", "2024-05", "70", "2024-06", "70"));

        LineReport result = line(calculate(budget(null, t), actuals, Map.of(), END_OF_JUNE), "t-result");

        // actual 180 − 210 = −30; execution −30 / −200 = 0.1500
        assertThat(result.actual()).isEqualByComparingTo("-30");
        assertThat(result.executionRate()).isEqualByComparingTo("0.1500");
        assertThat(result.sumOfParts()).isEqualByComparingTo("-200"); // 800 − 1000
        assertThat(result.printedDifference()).isNull();
        // expected −200 × 0.25 = −50; projected −30/0.25 = −120; variance −120 − (−200) = 80 → rate 80/|−200| = 0.4000
        assertThat(result.expectedToDate()).isEqualByComparingTo("-50");
        assertThat(result.projected()).isEqualByComparingTo("-120");
        assertThat(result.projectedVariance()).isEqualByComparingTo("80");
        assertThat(result.varianceRate()).isEqualByComparingTo("0.4000");
        assertThat(result.status()).isEqualTo(Status.DRIFTING);
    }

    // ---- 6. rollup tables -------------------------------------------------------------------------------------

    @Test
    void rollupTablesAddUpTheSameLineBelowNestedToo() {
        Table segA = table("seg-a", List.of(), line("exp-ops", "500"), line("exp-staff", "300"));
        Table segB = table("seg-b", List.of(), line("exp-ops", "400"), line("exp-staff", "200"));
        Table general = table("general", List.of("seg-a", "seg-b"), line("exp-ops", "901"), line("exp-staff", "500"));
        Table other = table("other", List.of(), line("exp-ops", "100"));
        Table all = table("all", List.of("general", "other"), line("exp-ops", "1000"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("seg-a-exp-ops", months("2024-04", "40", "2024-05", "60"));
        actuals.put("seg-b-exp-ops", months("2024-04", "30"));
        actuals.put("other-exp-ops", months("2024-05", "20"));
        actuals.put("seg-a-exp-staff", months("2024-04", "25"));
        actuals.put("seg-b-exp-staff", months("2024-05", "25"));

        Report r = calculate(budget(null, segA, segB, general, other, all), actuals, Map.of(),
                LocalDate.of(2024, 5, 31));

        assertThat(line(r, "seg-a-exp-ops").takesActuals()).isTrue();
        assertThat(line(r, "seg-a-exp-ops").sumOfParts()).isNull();

        // general-exp-ops: 40 + 60 + 30 = 130 (April 70, May 60); printed 901 against 500 + 400 = 900 → +1
        LineReport generalOps = line(r, "general-exp-ops");
        assertThat(generalOps.takesActuals()).isFalse();
        assertThat(generalOps.total()).isFalse();
        assertThat(generalOps.actual()).isEqualByComparingTo("130");
        assertThat(generalOps.sumOfParts()).isEqualByComparingTo("900");
        assertThat(generalOps.printedDifference()).isEqualByComparingTo("1");
        assertThat(generalOps.months()).extracting(MonthActual::actual)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("70"), new BigDecimal("60"));

        // general-exp-staff: 25 + 25 = 50; printed 500 = 300 + 200 → no difference
        LineReport generalStaff = line(r, "general-exp-staff");
        assertThat(generalStaff.actual()).isEqualByComparingTo("50");
        assertThat(generalStaff.sumOfParts()).isEqualByComparingTo("500");
        assertThat(generalStaff.printedDifference()).isNull();

        // nested: all-exp-ops = general (130) + other (20) = 150 (April 70, May 60 + 20 = 80);
        // sumOfParts is the printed amounts below: general's printed 901 + other's 100 = 1001 → 1000 − 1001 = −1
        LineReport allOps = line(r, "all-exp-ops");
        assertThat(allOps.takesActuals()).isFalse();
        assertThat(allOps.actual()).isEqualByComparingTo("150");
        assertThat(allOps.sumOfParts()).isEqualByComparingTo("1001");
        assertThat(allOps.printedDifference()).isEqualByComparingTo("-1");
        assertThat(allOps.months()).extracting(MonthActual::month).containsExactly("2024-04", "2024-05");
        assertThat(allOps.months()).extracting(MonthActual::actual)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("70"), new BigDecimal("80"));
        // 2 months: 150 × 12 / 2 = 900; variance −100 → rate −0.1000 → ON_BUDGET
        assertThat(allOps.projected()).isEqualByComparingTo("900");
        assertThat(allOps.varianceRate()).isEqualByComparingTo("-0.1000");
        assertThat(allOps.status()).isEqualTo(Status.ON_BUDGET);
    }

    // ---- 7. unbudgeted lines ----------------------------------------------------------------------------------

    @Test
    void anUnbudgetedLineDriftsWhenItHasAProjectedAmount() {
        Table t = table("t", List.of(), line("x", null), line("y", null), line("z", null));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-x", months("2024-04", "10", "2024-05", "20"));
        actuals.put("t-z", months("2024-04", "5", "2024-05", "-5"));

        Report r = calculate(budget(null, t), actuals, Map.of(), LocalDate.of(2024, 5, 31));

        // x: actual 30, share 2/12 → projected 30 × 12 / 2 = 180; variance 180 − 0 = 180
        LineReport x = line(r, "t-x");
        assertThat(x.budget()).isNull();
        assertThat(x.executionRate()).isNull();
        assertThat(x.expectedToDate()).isEqualByComparingTo("0");
        assertThat(x.projected()).isEqualByComparingTo("180");
        assertThat(x.projectedVariance()).isEqualByComparingTo("180");
        assertThat(x.varianceRate()).isNull();
        assertThat(x.status()).isEqualTo(Status.DRIFTING); // projected ≠ 0
        assertThat(x.printedDifference()).isNull();

        // y: nothing reported → NO_ACTUALS, not judged; z: 5 − 5 = 0 reported → projected 0 → ON_BUDGET
        LineReport y = line(r, "t-y");
        assertThat(y.actual()).isEqualByComparingTo("0");
        assertThat(y.projected()).isNull();
        assertThat(y.status()).isEqualTo(Status.NO_ACTUALS);
        LineReport z = line(r, "t-z");
        assertThat(z.actual()).isEqualByComparingTo("0");
        assertThat(z.executionRate()).isNull();
        assertThat(z.projected()).isEqualByComparingTo("0");
        assertThat(z.varianceRate()).isNull();
        assertThat(z.status()).isEqualTo(Status.ON_BUDGET);
        assertThat(r.drifting()).containsExactly("t-x");
    }

    // ---- 8. drifting list ---------------------------------------------------------------------------------------

    @Test
    void driftingListsTheLargestRateFirstAndUnbudgetedFirstOfAll() {
        Table t = table("t", List.of(), line("a", "1000"), line("b", "1000"), line("c", null), line("d", "1000"));
        Table u = table("u", List.of(), line("e", "1000"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-a", months("2024-04", "100", "2024-05", "100", "2024-06", "100")); // 300 → 1200, rate 0.2000
        actuals.put("t-b", months("2024-04", "50", "2024-05", "50", "2024-06", "50")); // 150 → 600, rate −0.4000
        actuals.put("t-c", months("2024-05", "10")); // unbudgeted, 10 → 40, rate null, DRIFTING
        actuals.put("t-d", months("2024-04", "80", "2024-05", "90", "2024-06", "80")); // 250 → 1000, rate 0, ON_BUDGET
        actuals.put("u-e", months("2024-04", "110", "2024-05", "110", "2024-06", "110")); // 330 → 1320, rate 0.3200

        Report r = calculate(budget(null, t, u), actuals, Map.of(), END_OF_JUNE);

        assertThat(line(r, "t-b").varianceRate()).isEqualByComparingTo("-0.4000");
        assertThat(line(r, "u-e").varianceRate()).isEqualByComparingTo("0.3200");
        assertThat(line(r, "t-d").status()).isEqualTo(Status.ON_BUDGET);
        // null rate first, then |−0.40| > 0.32 > 0.20; t-d is not drifting
        assertThat(r.drifting()).containsExactly("t-c", "t-b", "u-e", "t-a");
    }

    // ---- 9. borrowing ceiling ---------------------------------------------------------------------------------

    @Test
    void ceilingTakesTheLatestBalanceByTheAsOfMonth() {
        Table t = table("t", List.of(), line("a", "1000"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = Map.of(BALANCE,
                months("2024-04", "1000", "2024-05", "2500", "2024-06", "3100"));

        CeilingReport c = calculate(budget(ceiling("3000"), t), actuals, Map.of(), LocalDate.of(2024, 5, 20)).ceiling();

        // May's 2500 (not 1000 + 2500, and June is after asOf); 2500/3000 = 0.8333; 2500 ≥ 0.8 × 3000 = 2400 → WARNING
        assertThat(c.code()).isEqualTo(BALANCE);
        assertThat(c.limit()).isEqualByComparingTo("3000");
        assertThat(c.balance()).isEqualByComparingTo("2500");
        assertThat(c.balanceMonth()).isEqualTo("2024-05");
        assertThat(c.usedRate()).isEqualByComparingTo("0.8333");
        assertThat(c.status()).isEqualTo(CeilingStatus.WARNING);
    }

    @Test
    void ceilingStatusesAtTheirEdges() {
        // 2399 / 3000 = 0.79966… → 0.7997, below 2400 → BELOW
        assertCeiling("2399", "0.7997", CeilingStatus.BELOW);
        // 2400 = 80 % of 3000 → WARNING
        assertCeiling("2400", "0.8000", CeilingStatus.WARNING);
        // 2999 / 3000 = 0.99966… → 0.9997 → WARNING
        assertCeiling("2999", "0.9997", CeilingStatus.WARNING);
        // 3000 = the limit → REACHED
        assertCeiling("3000", "1.0000", CeilingStatus.REACHED);
        // 3200 / 3000 = 1.0666… → 1.0667 → REACHED
        assertCeiling("3200", "1.0667", CeilingStatus.REACHED);
        // a balance of 0 is a balance: 0.0000, BELOW
        assertCeiling("0", "0.0000", CeilingStatus.BELOW);
    }

    @Test
    void ceilingWithoutABalanceOrWithoutALimit() {
        Table t = table("t", List.of(), line("a", "1000"));
        // only a FY2023 balance (March 2024) → nothing this year → NO_BALANCE
        CeilingReport c = calculate(budget(ceiling("3000"), t), Map.of(BALANCE, months("2024-03", "2000")), Map.of(),
                END_OF_JUNE).ceiling();
        assertThat(c.status()).isEqualTo(CeilingStatus.NO_BALANCE);
        assertThat(c.balance()).isNull();
        assertThat(c.balanceMonth()).isNull();
        assertThat(c.usedRate()).isNull();
        assertThat(c.limit()).isEqualByComparingTo("3000");

        // no borrowing limit in the budget → no ceiling report
        assertThat(calculate(budget(null, t), Map.of(BALANCE, months("2024-04", "2000")), Map.of(), END_OF_JUNE)
                .ceiling()).isNull();
    }

    // ---- 10. analyses ---------------------------------------------------------------------------------------------

    @Test
    void analysesAppearOnTheirLine() {
        Table t = table("t", List.of(), line("a", "1000"), line("b", "1000"));
        Analysis analysis = new Analysis(3, "入札不調", "下期に再入札", Instant.parse("2024-07-10T01:00:00Z"), "alice");

        Report r = calculate(budget(null, t), Map.of("t-a", months("2024-04", "100")), Map.of(),
                LocalDate.of(2024, 4, 30), Map.of("t-a", analysis));

        assertThat(line(r, "t-a").analysis()).isEqualTo(analysis);
        assertThat(line(r, "t-b").analysis()).isNull();
    }

    // ---- 11. months of a line -----------------------------------------------------------------------------------

    @Test
    void monthsAreInMonthOrderWithTheSummedActual() {
        Table t = table("t", List.of(), line("a", "1000"), line("b", "1000"),
                total("sum", Side.EXPENDITURE, "2000", "a", "b"));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        actuals.put("t-a", months("2024-06", "30", "2024-04", "10")); // given out of order
        actuals.put("t-b", months("2024-05", "5", "2024-04", "1"));

        Report r = calculate(budget(null, t), actuals, Map.of(), END_OF_JUNE);

        LineReport a = line(r, "t-a");
        assertThat(a.months()).extracting(MonthActual::month).containsExactly("2024-04", "2024-06");
        assertThat(a.months()).extracting(MonthActual::actual)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10"), new BigDecimal("30"));

        // sum: April 10 + 1 = 11, May 5, June 30
        LineReport sum = line(r, "t-sum");
        assertThat(sum.months()).extracting(MonthActual::month).containsExactly("2024-04", "2024-05", "2024-06");
        assertThat(sum.months()).extracting(MonthActual::actual)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("11"), new BigDecimal("5"), new BigDecimal("30"));
        assertThat(sum.actual()).isEqualByComparingTo("46"); // 11 + 5 + 30
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertCeiling(String balance, String usedRate, CeilingStatus status) {
        Table t = table("t", List.of(), line("a", "1000"));
        CeilingReport c = calculate(budget(ceiling("3000"), t), Map.of(BALANCE, months("2024-04", balance)), Map.of(),
                END_OF_JUNE).ceiling();
        assertThat(c.balance()).as(balance).isEqualByComparingTo(balance);
        assertThat(c.usedRate()).as(balance).isEqualByComparingTo(usedRate);
        assertThat(c.status()).as(balance).isEqualTo(status);
    }

    private static Report calculate(BudgetEvent budget, Map<String, Map<YearMonth, BigDecimal>> actuals,
            Map<String, Map<YearMonth, BigDecimal>> lastYear, LocalDate asOf) {
        return calculate(budget, actuals, lastYear, asOf, Map.of());
    }

    private static Report calculate(BudgetEvent budget, Map<String, Map<YearMonth, BigDecimal>> actuals,
            Map<String, Map<YearMonth, BigDecimal>> lastYear, LocalDate asOf, Map<String, Analysis> analyses) {
        return BudgetVariance.calculate(budget, actuals, lastYear, asOf, SETTINGS, analyses);
    }

    private static LineReport line(Report report, String code) {
        return report.tables().stream().flatMap(t -> t.lines().stream()).filter(l -> l.code().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + code));
    }

    private static BudgetEvent budget(Ceiling ceiling, Table... tables) {
        return new BudgetEvent(2024, 1, "plan-5", "当初", "百万円", ceiling, List.of(tables),
                Instant.parse("2024-04-01T00:00:00Z"), "tester");
    }

    private static Ceiling ceiling(String limit) {
        return new Ceiling(BALANCE, "短期借入金残高", "Short-term borrowing balance", new BigDecimal(limit), "運営費交付金の受入れ遅延等");
    }

    private static Table table(String code, List<String> rollupOf, Line... lines) {
        return new Table(code, Kind.BUDGET, "1-1", "general", null, code + "（予算）", code + " budget", rollupOf, null,
                null, List.of(lines));
    }

    private static Line line(String key, String amount) {
        return line(key, Side.EXPENDITURE, amount);
    }

    private static Line line(String key, Side side, String amount) {
        return new Line(key, key + "（和）", key, side, amount == null ? null : new BigDecimal(amount), null);
    }

    private static Line total(String key, Side side, String amount, String... parts) {
        return new Line(key, key + "（和）", key, side, new BigDecimal(amount), Arrays.asList(parts));
    }

    /** Alternating month ("YYYY-MM") and value, kept in the order given. */
    private static Map<YearMonth, BigDecimal> months(String... monthsAndValues) {
        Map<YearMonth, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < monthsAndValues.length; i += 2) {
            values.put(YearMonth.parse(monthsAndValues[i]), new BigDecimal(monthsAndValues[i + 1]));
        }
        return values;
    }
}
