package org.kpisuite.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.events.IndicatorEvent.RuleAction;
import org.kpisuite.events.IndicatorEvent.RuleKind;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.ingestion.domain.MeasurementKey;

/** "At most 3 × the mean of the three months before", worked out by hand. */
class ValueRulesTest {

    private static final Rule AT_MOST_THREE_TIMES = new Rule("growth", RuleKind.MAX_MULTIPLE_OF_HISTORY,
            RuleAction.REJECT, null, null, null, new BigDecimal("3"), 3);

    private static final IndicatorEvent INDICATOR = new IndicatorEvent("accesses", "アクセス数", "Accesses", "件",
            "dept", null, false, false, Aggregation.SUM, List.of(), null, false, 2024, null, List.of(), false, 1,
            Instant.EPOCH, Frequency.MONTHLY, List.of(), List.of(AT_MOST_THREE_TIMES), null);

    @Test
    void exactlyTheMultipleOfARepeatingMeanIsAllowed() {
        // 3, 3 and 4 before July: a mean of 10/3, so at most 10 (3.333… × 3 in 16 digits is 9.999…, which refused 10).
        assertThat(broken("10")).isEmpty();
        assertThat(broken("10.000001")).singleElement().satisfies(b -> {
            assertThat(b.rejects()).isTrue();
            assertThat(b.rule().name()).isEqualTo("growth");
            // The mean as compared, not only rounded: a refused value would look equal to its limit.
            assertThat(b.rejection().reason()).contains("the mean 10/3 ≈ 3.333333 of the 3 periods");
        });
    }

    private static List<ValueRules.Broken> broken(String value) {
        MeasurementKey key = new MeasurementKey("accesses", "", "", "dept", "2024-07");
        NavigableMap<String, BigDecimal> history = new TreeMap<>();
        history.put("2024-04", new BigDecimal("3"));
        history.put("2024-05", new BigDecimal("3"));
        history.put("2024-06", new BigDecimal("4"));
        history.put("2024-07", new BigDecimal(value));
        ValueRules.Context context = new ValueRules.Context() {
            @Override
            public BigDecimal counterpart(MeasurementKey k, String component) {
                return null;
            }

            @Override
            public NavigableMap<String, BigDecimal> history(MeasurementKey k) {
                return history;
            }
        };
        return ValueRules.check(INDICATOR, key, Period.parse("2024-07").orElseThrow(), new BigDecimal(value), context);
    }
}
