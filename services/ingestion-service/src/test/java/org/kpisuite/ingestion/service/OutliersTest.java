package org.kpisuite.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class OutliersTest {

    private static List<BigDecimal> values(String... vs) {
        return Stream.of(vs).map(BigDecimal::new).toList();
    }

    @Test
    void farFromTheMedianIsAnOutlier() {
        List<BigDecimal> history = values("100", "104", "98", "101", "97", "103");
        assertThat(Outliers.check(new BigDecimal("130"), history)).isPresent();
        assertThat(Outliers.check(new BigDecimal("105"), history)).isEmpty();
        assertThat(Outliers.check(new BigDecimal("60"), history)).get().asString().contains("median 100.5");
    }

    @Test
    void needsSixMonthsAndSomeSpread() {
        assertThat(Outliers.check(new BigDecimal("1000"), values("1", "2", "3", "4", "5"))).isEmpty();
        assertThat(Outliers.check(new BigDecimal("1000"), values("7", "7", "7", "7", "7", "7"))).isEmpty();
        // MAD 0 but some spread: the mean absolute deviation stands in.
        assertThat(Outliers.check(new BigDecimal("1000"), values("7", "7", "7", "7", "8", "9"))).isPresent();
    }
}
