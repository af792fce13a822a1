package org.kpisuite.reporting.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.fiscal.Period;
import org.kpisuite.reporting.domain.MonthlyValue;
import org.kpisuite.reporting.service.KeptProgress;
import org.kpisuite.reporting.service.PlanPlaces;
import org.kpisuite.reporting.service.ProgressCalculator;
import org.kpisuite.reporting.service.ReadModelState;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The list body reuses the JSON of unchanged entries and is, version after version, the list a fresh build gives. */
class ProgressListBodyTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 9, 30);
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    @Test
    void aNewVersionIsTheListAFreshBuildGivesWithChangedEntriesRewritten() throws Exception {
        ProgressListBody bodies = bodies();
        var first = bodies.build(snapshot(1, Map.of("a", 1L, "b", 1L, "c", 1L), progress("a", "10"), progress("b", "20"),
                progress("c", "30")));
        assertThat(actuals(first.json())).containsExactly("a=10", "b=20", "c=30");

        // b changed, c left the year, d joined it: a's JSON is reused, the others are written.
        var second = bodies.build(snapshot(2, Map.of("a", 1L, "b", 2L, "d", 2L), progress("a", "10"), progress("b", "25"),
                progress("d", "40")));
        assertThat(actuals(second.json())).containsExactly("a=10", "b=25", "d=40");
        assertThat(mapper.readTree(second.json())).isEqualTo(mapper.readTree(bodies().build(snapshot(2,
                Map.of("a", 1L, "b", 2L, "d", 2L), progress("a", "10"), progress("b", "25"), progress("d", "40")))
                .json()));
        assertThat(second.etag()).isNotEqualTo(first.etag());
        try (var gunzip = new GZIPInputStream(new ByteArrayInputStream(second.gzip()))) {
            assertThat(gunzip.readAllBytes()).isEqualTo(second.json());
        }
        assertThat(ProgressListBody.gzip("[]".getBytes(StandardCharsets.UTF_8))).as("no smaller, not kept").isNull();
        assertThat(bodies.build(snapshot(2, Map.of(), progress("a", "10")))).isSameAs(second);
    }

    @Test
    void aHeldListAnswersTodaysReadWhenItIsTheKeptVersionOrTheNextIsBeingPrepared() {
        var held = bodies().build(snapshot(4, Map.of("a", 4L), progress("a", "10")));
        long now = held.madeAtNanos();
        var kept = new ReadModelState.Head(1, false, TODAY, 4);
        assertThat(ProgressListBody.servable(held, kept, TODAY, false, now)).isTrue();
        // A newer version is kept: the held list serves only while that one is being prepared, and only while young.
        var newer = new ReadModelState.Head(1, false, TODAY, 5);
        assertThat(ProgressListBody.servable(held, newer, TODAY, false, now)).isFalse();
        assertThat(ProgressListBody.servable(held, newer, TODAY, true, now)).isTrue();
        long later = now + ProgressListBody.HELD_WHILE_PREPARING.toNanos() + 1;
        assertThat(ProgressListBody.servable(held, newer, TODAY, true, later)).isFalse();
        assertThat(ProgressListBody.servable(held, kept, TODAY, false, later)).isTrue();
        // Never a list of another plan generation or another day, prepared or not.
        assertThat(ProgressListBody.servable(held, new ReadModelState.Head(2, false, TODAY, 4), TODAY, true, now))
                .isFalse();
        assertThat(ProgressListBody.servable(held, new ReadModelState.Head(1, false, TODAY.plusDays(1), 5),
                TODAY.plusDays(1), true, now)).isFalse();
        assertThat(ProgressListBody.servable(held, kept, TODAY.plusDays(1), true, now)).isFalse();
    }

    @Test
    void anEmptyYearIsAnEmptyList() throws Exception {
        assertThat(mapper.readTree(bodies().build(snapshot(1, Map.of())).json()).isEmpty()).isTrue();
    }

    private ProgressListBody bodies() {
        ProgressListBody bodies = new ProgressListBody();
        bodies.mapper = mapper;
        return bodies;
    }

    private List<String> actuals(byte[] json) throws Exception {
        return java.util.stream.StreamSupport.stream(mapper.readTree(json).spliterator(), false)
                .map((JsonNode e) -> e.get("indicatorCode").asText() + "=" + new BigDecimal(e.get("actual").asText()).stripTrailingZeros().toPlainString())
                .toList();
    }

    private static KeptProgress.Snapshot snapshot(long version, Map<String, Long> versions, IndicatorProgress... progress) {
        Map<String, IndicatorProgress> byCode = new LinkedHashMap<>();
        for (IndicatorProgress p : progress) {
            byCode.put(p.indicator().code(), p);
        }
        return new KeptProgress.Snapshot(2024, TODAY, version, 1, List.of(progress), byCode, versions);
    }

    private static IndicatorProgress progress(String code, String april) {
        var target = new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"));
        var indicator = new IndicatorEvent(code, code, code, "cases", "d", UUID.nameUUIDFromBytes(code.getBytes()), false, false,
                Aggregation.SUM, List.of(target), false, 1, Instant.now());
        var value = new MonthlyValue(code, "", "", Period.parse("2024-04").orElseThrow(), new BigDecimal(april));
        var input = new ProgressCalculator.Input(Aggregation.SUM, target, false, 2024, TODAY, List.of(value));
        return new IndicatorProgress(indicator, target, 2024, TODAY, ProgressCalculator.calculate(input),
                new PlanPlaces.Place(null, null, null, null, null, null, null, null, null));
    }
}
