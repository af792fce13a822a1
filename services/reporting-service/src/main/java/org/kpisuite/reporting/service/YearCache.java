package org.kpisuite.reporting.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.ToIntFunction;

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

    public YearCache(int budget, ToIntFunction<V> entries) {
        this.budget = budget;
        this.entries = entries;
    }

    public synchronized V get(int fiscalYear) {
        return years.get(fiscalYear);
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
