package org.kpisuite.problem;

import java.math.BigDecimal;

/**
 * The suite's numeric columns are numeric(24, 6): at most 18 digits before the point and 6 after. Numbers from
 * JSON are checked by {@link ColumnNumber}; numbers read from text (CSV) and derived ones by these methods.
 */
public final class ColumnNumbers {

    public static final int INTEGER_DIGITS = 18;
    public static final int FRACTION_DIGITS = 6;
    public static final String REASON = "must have at most 18 digits before the decimal point and 6 after";
    /** Longer text is refused before it is parsed: BigDecimal parsing is not linear in the length. */
    public static final int MAX_TEXT_LENGTH = 64;

    private ColumnNumbers() {
    }

    /** Whether the number fits the column. */
    public static boolean fits(BigDecimal value) {
        if (value == null) {
            return true;
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.precision() - v.scale() <= INTEGER_DIGITS && Math.max(v.scale(), 0) <= FRACTION_DIGITS;
    }

    /**
     * A number that fits, as the column holds it: without trailing zeros or an exponent ({@code 1.0000000} is 1,
     * {@code 0e999999999} is 0, {@code 1.2e3} is 1200). One that does not fit is returned as it is, never expanded.
     */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null || !fits(value)) {
            return value;
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /**
     * The number written in the text, or the reason it is not one that fits the column; linear in the text's
     * length, which is bounded before BigDecimal sees it.
     */
    public static Parsed parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return new Parsed(null, "has " + text.length() + " characters; a number has at most " + MAX_TEXT_LENGTH);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return new Parsed(null, "cannot read '" + text + "' as a number");
        }
        return fits(value) ? new Parsed(value, null) : new Parsed(null, REASON);
    }

    /** A number, or why the text is not one. */
    public record Parsed(BigDecimal value, String reason) {
    }
}
