package org.kpisuite.reporting.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The plan items change rarely and every progress calculation needs them: one snapshot serves all requests
 * until a plan item event (or a rebuild) changes them. A snapshot remembers the generation it was loaded in; a
 * change moves the generation on both when it happens and when its transaction ends, so a snapshot loaded
 * before the commit (without the change) is never served after it.
 */
@ApplicationScoped
public class PlanPlacesCache {

    private record Snapshot(long generation, PlanPlaces places) {
    }

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    public PlanPlaces get() {
        long now = generation.get();
        Snapshot snapshot = current;
        if (snapshot != null && snapshot.generation() == now) {
            return snapshot.places();
        }
        PlanPlaces loaded = PlanPlaces.load();
        current = new Snapshot(now, loaded);
        return loaded;
    }

    /** Plan items change in the current transaction. */
    public void invalidate() {
        generation.incrementAndGet();
        if (transactions.getResource(PlanPlacesCache.class) != null) {
            return;
        }
        transactions.putResource(PlanPlacesCache.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                generation.incrementAndGet();
            }
        });
    }
}
