package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.HALF_YEAR;
import static org.kpisuite.reporting.service.ProgressCalculatorTest.months;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

class ProgressSeriesAndRollupsTest {

    @Test
    void seriesHasTwelveMonthsWithRunningActualAndLinearPace() {
        var input = new ProgressCalculator.Input(Aggregation.SUM, new Target(2024, Comparator.AT_LEAST, new BigDecimal("1200")),
                false, 2024, HALF_YEAR, months(2024, 4, "100", "0", "150"));
        List<ProgressCalculator.MonthPoint> series = ProgressCalculator.series(input);
        assertThat(series).hasSize(12);
        assertThat(series.get(0).month()).isEqualTo(YearMonth.of(2024, 4));
        assertThat(series.get(0).value()).isEqualByComparingTo("100");
        assertThat(series.get(2).cumulative()).isEqualByComparingTo("250");
        assertThat(series.get(2).expectedCumulative()).isEqualByComparingTo("300");
        assertThat(series.get(3).value()).isNull();
        assertThat(series.get(3).cumulative()).isEqualByComparingTo("250");
        // After asOf (September 30) nothing is known yet; the pace line goes on to the target.
        assertThat(series.get(6).cumulative()).isNull();
        assertThat(series.get(11).expectedCumulative()).isEqualByComparingTo("1200");
    }

    @Test
    void seriesSplitsAMonthByBreakdownValue() {
        var input = new ProgressCalculator.Input(Aggregation.SUM, new Target(2024, Comparator.AT_LEAST, new BigDecimal("22")),
                false, 2024, HALF_YEAR, List.of(
                        new org.kpisuite.reporting.domain.MonthlyValue("x", "", "ip-filings", YearMonth.of(2024, 5), new BigDecimal("2")),
                        new org.kpisuite.reporting.domain.MonthlyValue("x", "", "business-matches", YearMonth.of(2024, 5), new BigDecimal("3")),
                        new org.kpisuite.reporting.domain.MonthlyValue("x", "", "ip-filings", YearMonth.of(2024, 5), new BigDecimal("1"))));
        var may = ProgressCalculator.series(input).get(1);
        assertThat(may.value()).isEqualByComparingTo("6");
        assertThat(may.byBreakdown()).containsOnlyKeys("business-matches", "ip-filings");
        assertThat(may.byBreakdown().get("ip-filings")).isEqualByComparingTo("3");
    }

    @Test
    void rollupsCountStatusesPerChapterSectionAndCore() {
        List<IndicatorProgress> progress = List.of(
                progress("a", true, "I", "I.1", "300", "300"),   // achieved, 100 %
                progress("b", false, "I", "I.2", "50", "100"),   // off track, 50 %
                progress("c", true, "II", null, "130", "100"));  // achieved, 130 %
        List<Rollups.Rollup> rollups = Rollups.of(progress);
        Rollups.Rollup core = rollups.get(0);
        assertThat(core.level()).isEqualTo("CORE");
        assertThat(core.indicators()).isEqualTo(2);
        assertThat(core.byStatus()).containsEntry(ProgressStatus.ACHIEVED, 2);
        assertThat(core.averageAchievementRate()).isEqualByComparingTo("1.15");
        Rollups.Rollup chapterI = rollups.stream().filter(r -> r.level().equals("CHAPTER") && r.code().equals("I"))
                .findFirst().orElseThrow();
        assertThat(chapterI.indicators()).isEqualTo(2);
        assertThat(chapterI.byGrade()).containsEntry("B", 1).containsEntry("D", 1);
        assertThat(chapterI.averageAchievementRate()).isEqualByComparingTo("0.75");
        assertThat(rollups.stream().filter(r -> r.level().equals("SECTION")).map(Rollups.Rollup::code))
                .containsExactly("I.1", "I.2");
        assertThat(rollups.stream().filter(r -> r.level().equals("ITEM")).map(Rollups.Rollup::code))
                .containsExactly("I.1", "I.2", "II");
    }

    private static IndicatorProgress progress(String code, boolean core, String chapter, String section, String actual,
            String target) {
        var t = new Target(2024, Comparator.AT_LEAST, new BigDecimal(target));
        var indicator = new IndicatorEvent(code, code, code, "cases", "d", UUID.randomUUID(), core, false,
                Aggregation.SUM, List.of(t), false, 1, Instant.now());
        var input = new ProgressCalculator.Input(Aggregation.SUM, t, false, 2024, LocalDate.of(2025, 4, 30),
                months(2025, 3, actual));
        String item = section == null ? chapter : section;
        var place = new PlanPlaces.Place(item, item, item, section, section, section, chapter, chapter, chapter);
        return new IndicatorProgress(indicator, t, 2024, LocalDate.of(2025, 4, 30), ProgressCalculator.calculate(input),
                place);
    }
}
