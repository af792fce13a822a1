package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class YearCacheTest {

    private static List<String> indicators(int n, String version) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> version).toList();
    }

    @Test
    void fiveYearsOfAThousandIndicatorsStayHeld() {
        YearCache<List<String>> cache = new YearCache<>(12_000, List::size);
        for (int year = 2021; year <= 2025; year++) {
            cache.merge(year, indicators(1_000, "v1"), (a, b) -> b);
        }
        for (int year = 2021; year <= 2025; year++) {
            assertThat(cache.get(year)).as("FY%s", year).hasSize(1_000);
        }
    }

    @Test
    void yearsOfTenThousandIndicatorsGiveWayToTheOneLastRead() {
        YearCache<List<String>> cache = new YearCache<>(12_000, List::size);
        cache.merge(2024, indicators(10_000, "v1"), (a, b) -> b);
        cache.merge(2025, indicators(10_000, "v1"), (a, b) -> b);
        assertThat(cache.get(2024)).as("the least recently read year is dropped").isNull();
        assertThat(cache.get(2025)).hasSize(10_000);
        // A year larger than the whole budget is still held: it is the one being served.
        cache.merge(2023, indicators(13_000, "v1"), (a, b) -> b);
        assertThat(cache.get(2023)).hasSize(13_000);
        assertThat(cache.get(2025)).isNull();
    }

    @Test
    void aReadKeepsAYearAndTheMergeRuleDecidesWhichCopyIsHeld() {
        YearCache<List<String>> cache = new YearCache<>(2_500, List::size);
        cache.merge(2023, indicators(1_000, "v1"), (a, b) -> b);
        cache.merge(2024, indicators(1_000, "v1"), (a, b) -> b);
        cache.get(2023);
        cache.merge(2025, indicators(1_000, "v1"), (a, b) -> b);
        assertThat(cache.get(2024)).as("not read since 2023 was").isNull();
        assertThat(cache.get(2023)).isNotNull();
        // The older copy wins when the rule prefers the held one (a slower reader loaded an older version).
        assertThat(cache.merge(2025, indicators(1_000, "v0"), (held, offered) -> held)).containsOnly("v1");
    }
}
