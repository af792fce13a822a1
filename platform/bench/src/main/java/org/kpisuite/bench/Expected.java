package org.kpisuite.bench;

/**
 * What reporting must show: the value in force of every (indicator, fiscal year, month) the benchmark has
 * submitted, so that "visible in reporting" is checked against each indicator's yearly actual (SUM).
 */
public final class Expected {

    private final long[][][] values;

    public Expected(int indicators, int fiscalYears) {
        values = new long[indicators][fiscalYears][12];
    }

    public synchronized void set(int indicator, int year, int month, long value) {
        values[indicator][year][month] = value;
    }

    public synchronized long get(int indicator, int year, int month) {
        return values[indicator][year][month];
    }

    /** Adds one to a value and answers the new value and the indicator's new yearly actual. */
    public synchronized long[] increment(int indicator, int year, int month) {
        long value = ++values[indicator][year][month];
        return new long[] { value, actual(indicator, year) };
    }

    public synchronized long actual(int indicator, int year) {
        long sum = 0;
        for (long v : values[indicator][year]) {
            sum += v;
        }
        return sum;
    }
}
