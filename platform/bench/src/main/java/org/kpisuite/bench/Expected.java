package org.kpisuite.bench;

/**
 * What reporting must show: the value in force of every (indicator, fiscal year, month) the benchmark has
 * submitted, so that "visible in reporting" is checked against each indicator's yearly actual (SUM). Two
 * corrections of one month in flight at once may be numbered by ingestion in either order: the value in force
 * is the one ingestion answered with the highest revision, not the last one sent.
 */
public final class Expected {

    private final long[][][] sent;
    private final long[][][] inForce;
    private final int[][][] revision;

    public Expected(int indicators, int fiscalYears) {
        sent = new long[indicators][fiscalYears][12];
        inForce = new long[indicators][fiscalYears][12];
        revision = new int[indicators][fiscalYears][12];
    }

    /** A first value (revision 1), e.g. of a batch import. */
    public synchronized void set(int indicator, int year, int month, long value) {
        sent[indicator][year][month] = value;
        inForce[indicator][year][month] = value;
        revision[indicator][year][month] = 1;
    }

    /** The value of the next correction of a month: one more than the last one sent. */
    public synchronized long next(int indicator, int year, int month) {
        return ++sent[indicator][year][month];
    }

    /** Ingestion stored {@code value} as {@code rev}: it is in force unless a higher revision is. */
    public synchronized void answered(int indicator, int year, int month, int rev, long value) {
        if (rev > revision[indicator][year][month]) {
            revision[indicator][year][month] = rev;
            inForce[indicator][year][month] = value;
        }
    }

    /** A correction whose revision is the next one: nothing else corrects this month meanwhile (a batch load). */
    public synchronized void corrected(int indicator, int year, int month, long value) {
        revision[indicator][year][month]++;
        inForce[indicator][year][month] = value;
    }

    public synchronized long actual(int indicator, int year) {
        long sum = 0;
        for (long v : inForce[indicator][year]) {
            sum += v;
        }
        return sum;
    }
}
