package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Test
    void aCurrentCopyIsServedAsHeldAndAStaleOneIsMadeFromIt() {
        YearCache<List<String>> cache = new YearCache<>(12_000, List::size);
        cache.merge(2024, List.of("v1"), (a, b) -> b);
        List<String> held = cache.get(2024);
        assertThat(cache.getOrMake(2024, c -> c.contains("v1"), c -> List.of("never"), (a, b) -> b)).isSameAs(held);
        List<String> made = cache.getOrMake(2024, c -> c.contains("v2"), c -> List.of(c.get(0), "v2"), (a, b) -> b);
        assertThat(made).containsExactly("v1", "v2");
        assertThat(cache.get(2024)).as("held for the next caller").isSameAs(made);
        assertThat(cache.getOrMake(2023, c -> true, c -> List.of(String.valueOf(c)), (a, b) -> b))
                .as("a year not held is made from nothing").containsExactly("null");
    }

    @Test
    void callersThatComeWhileAYearIsBeingMadeWaitAndShareIt() throws Exception {
        YearCache<List<String>> cache = new YearCache<>(12_000, List::size);
        AtomicInteger made = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> cache.getOrMake(2025, c -> c.contains("v7"), c -> {
                started.countDown();
                sleep(300);
                made.incrementAndGet();
                return List.of("v7");
            }, (a, b) -> b)));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                answers.add(callers.submit(() -> cache.getOrMake(2025, c -> c.contains("v7"), c -> {
                    made.incrementAndGet();
                    return List.of("v7", "again");
                }, (a, b) -> b)));
            }
            List<List<String>> got = new ArrayList<>();
            for (Future<List<String>> answer : answers) {
                got.add(answer.get(10, TimeUnit.SECONDS));
            }
            assertThat(made).as("the copy is made once").hasValue(1);
            assertThat(got).allSatisfy(copy -> assertThat(copy).isSameAs(got.get(0)));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailedMakerLeavesTheYearToTheNextCaller() {
        YearCache<List<String>> cache = new YearCache<>(12_000, List::size);
        assertThatThrownBy(() -> cache.getOrMake(2024, c -> true, c -> {
            throw new IllegalStateException("database gone");
        }, (a, b) -> b)).hasMessage("database gone");
        assertThat(cache.get(2024)).isNull();
        assertThat(cache.getOrMake(2024, c -> true, c -> List.of("v1"), (a, b) -> b)).containsExactly("v1");
    }

    @Test
    void aCallerWaitsForASlowMakerOnlySoLongThenMakesItsOwn() throws Exception {
        YearCache<List<String>> cache = new YearCache<>(12_000, List::size);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = new Thread(() -> cache.getOrMake(2024, c -> true, c -> {
            started.countDown();
            await(release);
            return List.of("slow");
        }, (a, b) -> b));
        slow.start();
        try {
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            assertThat(cache.getOrMake(2024, c -> true, c -> List.of("own"), (a, b) -> b)).containsExactly("own");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                    .isBetween(YearCache.WAIT_FOR_MAKER.toMillis() - 50, YearCache.WAIT_FOR_MAKER.toMillis() + 3_000);
        } finally {
            release.countDown();
            slow.join(5_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
