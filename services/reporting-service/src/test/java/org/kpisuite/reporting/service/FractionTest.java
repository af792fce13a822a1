package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A fraction's decimal value: the shortcut for whole values gives exactly what the 34-digit division gives. */
class FractionTest {

    @Test
    void aWholeValueIsItsOwnQuotientToTheDigitAndScale() {
        Random random = new Random(20241);
        for (int i = 0; i < 20_000; i++) {
            // From 1 to 60 digits (past DECIMAL128's 34), scales from -5 to 20, either sign, and zeros with a scale.
            BigInteger unscaled = new BigInteger(1 + random.nextInt(200), random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            if (i % 50 == 0) {
                unscaled = BigInteger.ZERO;
            }
            BigDecimal value = new BigDecimal(unscaled, random.nextInt(26) - 5);
            BigDecimal divided = value.divide(BigDecimal.ONE, MathContext.DECIMAL128);

            BigDecimal shortcut = ProgressCalculator.Fraction.of(value).decimal();

            assertThat(shortcut).as("%s (precision %d, scale %d)", value, value.precision(), value.scale())
                    .isEqualTo(divided);
            assertThat(shortcut.scale()).isEqualTo(divided.scale());
        }
    }

    @Test
    void aRatioIsStillDivided() {
        BigDecimal third = new ProgressCalculator.Fraction(BigDecimal.ONE, new BigDecimal(3)).decimal();

        assertThat(third).isEqualTo(BigDecimal.ONE.divide(new BigDecimal(3), MathContext.DECIMAL128));
        assertThat(new ProgressCalculator.Fraction(new BigDecimal("2"), new BigDecimal("1.0")).decimal())
                .isEqualTo(new BigDecimal("2").divide(new BigDecimal("1.0"), MathContext.DECIMAL128));
    }

    @Test
    void aNegativeDenominatorChangesSides() {
        // A ratio whose denominators sum below 0: -1/3 is above -1/2, and compared as such.
        ProgressCalculator.Fraction third = new ProgressCalculator.Fraction(BigDecimal.ONE, new BigDecimal(-3));

        assertThat(third.numerator()).isEqualByComparingTo("-1");
        assertThat(third.denominator()).isEqualByComparingTo("3");
        assertThat(third.signum()).isNegative();
        assertThat(third.compareTo(ProgressCalculator.Fraction.of(new BigDecimal("-0.5")))).isPositive();
        assertThat(third.compareTo(ProgressCalculator.Fraction.of(BigDecimal.ZERO))).isNegative();
    }
}
