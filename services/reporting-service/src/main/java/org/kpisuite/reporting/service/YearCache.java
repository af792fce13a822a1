package org.kpisuite.reporting.service;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The latest copy of something per fiscal year, held in memory within a budget of entries (indicators): when the
 * years held exceed it, the least recently read ones are dropped (and loaded again when asked for). Five years of
 * 1,000 indicators stay; with 10,000 indicators only the years in use do, so the heap stays bounded.
 */
public final class YearCache<V> {

    /** How many indicators' entries the kept progress and its JSON hold in memory, over all years. */
    public static final int ENTRY_BUDGET = 12_000;

    private final ToIntFunction<V> entries;
    private final int budget;
    private final LinkedHashMap<Integer, V> years = new LinkedHashMap<>(8, 0.75f, true);

    /**
     * How long a caller waits for another that is making the same year's copy before making one itself: bounded, so
     * that a slow maker (or one waiting for a database connection that a waiter holds) never stalls a read for long.
     */
    static final Duration WAIT_FOR_MAKER = Duration.ofSeconds(1);

    private final Map<Integer, ReentrantLock> makers = new ConcurrentHashMap<>();

    public YearCache(int budget, ToIntFunction<V> entries) {
        this.budget = budget;
        this.entries = entries;
    }

    public synchronized V get(int fiscalYear) {
        return years.get(fiscalYear);
    }

    /**
     * The year's copy if {@code current} accepts it; otherwise the copy {@code make} builds from the one held (null if
     * none), held for the callers after it. One caller at a time makes a year's copy, and a caller that waited finds
     * the copy made before it: a read that comes while the refresher prepares the same version (which it does after
     * every pass) waits for it rather than doing the same work alongside it on the same two cores.
     */
    public V getOrMake(int fiscalYear, Predicate<V> current, UnaryOperator<V> make, BinaryOperator<V> keep) {
        V held = get(fiscalYear);
        if (held != null && current.test(held)) {
            return held;
        }
        ReentrantLock maker = makers.computeIfAbsent(fiscalYear, year -> new ReentrantLock());
        boolean alone = false;
        try {
            alone = maker.tryLock(WAIT_FOR_MAKER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (alone) {
                held = get(fiscalYear);
                if (held != null && current.test(held)) {
                    return held;
                }
            }
            V made = make.apply(held);
            merge(fiscalYear, made, keep);
            return made;
        } finally {
            if (alone) {
                maker.unlock();
            }
        }
    }

    /** Holds the value, or the one already held if {@code keep} prefers it; then drops years beyond the budget. */
    public synchronized V merge(int fiscalYear, V value, BinaryOperator<V> keep) {
        V held = years.merge(fiscalYear, value, keep);
        int total = years.values().stream().mapToInt(entries).sum();
        for (Iterator<Map.Entry<Integer, V>> it = years.entrySet().iterator(); total > budget && it.hasNext();) {
            Map.Entry<Integer, V> year = it.next();
            if (year.getKey() != fiscalYear) {
                total -= entries.applyAsInt(year.getValue());
                it.remove();
            }
        }
        return held;
    }
}
