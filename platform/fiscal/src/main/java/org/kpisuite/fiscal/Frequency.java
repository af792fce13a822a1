package org.kpisuite.fiscal;

/**
 * How often an indicator is reported: each period of a frequency lies inside one fiscal year (April–March), so a
 * quarter, a half and the year never straddle two fiscal years.
 */
public enum Frequency {
    /** Each month, written {@code 2024-05}. */
    MONTHLY(1),
    /** Fiscal quarters, Q1 = April–June … Q4 = January–March, written {@code 2024-Q1}. */
    QUARTERLY(3),
    /** Fiscal halves, H1 = April–September (上期), H2 = October–March (下期), written {@code 2024-H1}. */
    HALF_YEARLY(6),
    /** The fiscal year, written {@code FY2024}. */
    ANNUALLY(12);

    private final int months;

    Frequency(int months) {
        this.months = months;
    }

    /** Months in one period. */
    public int months() {
        return months;
    }

    /** Periods in one fiscal year. */
    public int periodsPerYear() {
        return 12 / months;
    }

    /** How a period of this frequency is written, for messages: {@code 2024-05}, {@code 2024-Q1}, … */
    public String example() {
        return Period.first(this, 2024).toString();
    }
}
