package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.testing.TestIndicators;

/** A whole recalculation in chunks calculates each indicator-year once, with all of an indicator's years together. */
class ProgressChunksTest {

    @Test
    void everyIndicatorYearIsInExactlyOneChunkWithItsOtherYearsAndInItsOrder() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            int size = 1 + random.nextInt(7);
            List<IndicatorEvent> indicators = new ArrayList<>();
            for (int i = 0, n = random.nextInt(40); i < n; i++) {
                indicators.add(TestIndicators.sum("kpi-" + i, "名", "name", "件", "security", false, "10"));
            }
            Map<Integer, List<IndicatorEvent>> byYear = new TreeMap<>();
            for (int year = 2020; year < 2025; year++) {
                List<IndicatorEvent> some = indicators.stream().filter(i -> random.nextBoolean()).distinct().toList();
                byYear.put(year, some);
            }
            Set<String> codes = new TreeSet<>();
            byYear.values().forEach(list -> list.forEach(i -> codes.add(i.code())));
            if (codes.isEmpty()) {
                continue;
            }

            List<Map<Integer, List<IndicatorEvent>>> chunks = ProgressCalculation.chunks(byYear, codes, size);

            Map<String, Integer> chunkOf = new HashMap<>();
            Map<Integer, List<IndicatorEvent>> rejoined = new TreeMap<>();
            for (int c = 0; c < chunks.size(); c++) {
                Set<String> inChunk = new TreeSet<>();
                for (var year : chunks.get(c).entrySet()) {
                    for (IndicatorEvent indicator : year.getValue()) {
                        inChunk.add(indicator.code());
                        assertThat(chunkOf.putIfAbsent(indicator.code(), c)).as("all years of %s in one chunk",
                                indicator.code()).isIn(null, c);
                        rejoined.computeIfAbsent(year.getKey(), y -> new ArrayList<>()).add(indicator);
                    }
                }
                assertThat(inChunk).hasSizeLessThanOrEqualTo(size).isNotEmpty();
            }
            assertThat(chunks).hasSize((codes.size() + size - 1) / size);
            // Each year's indicators, chunk after chunk, in their given order (chunks follow the codes' order).
            byYear.forEach((year, list) -> assertThat(rejoined.getOrDefault(year, List.of()))
                    .containsExactlyInAnyOrderElementsOf(list)
                    .isSortedAccordingTo(java.util.Comparator.comparing(i -> list.indexOf(i) + 1_000_000 * chunkOf.get(i.code()))));
        }
    }
}
