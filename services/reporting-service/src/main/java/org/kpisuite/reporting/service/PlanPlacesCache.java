package org.kpisuite.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The plan items change rarely and every progress calculation needs them: one snapshot serves all requests
 * until the plan generation moves (a plan item event or a rebuild, applied by whichever replica consumed it). A
 * snapshot loaded while a change commits may hold either state, under the older generation, so it is replaced on
 * the next read. Quarkus's cache ({@code @CacheResult}) is invalidated in one replica only; this one compares, at
 * every read, the generation {@link ReadModelState} knows: this replica's own change at once, another replica's
 * within moments, when its notification arrives.
 */
@ApplicationScoped
public class PlanPlacesCache {

    private record Snapshot(long generation, PlanPlaces places) {
    }

    @Inject
    ReadModelState state;

    private volatile Snapshot current;

    public PlanPlaces get() {
        if (state.changingHere()) {
            // Its uncommitted tree is not shared: if it rolls back, its generation's number is given to the next change.
            return PlanPlaces.load();
        }
        return get(state.planGeneration());
    }

    /** The plan tree of that generation, as read by the caller. */
    public PlanPlaces get(long generation) {
        Snapshot snapshot = current;
        if (snapshot != null && snapshot.generation() == generation) {
            return snapshot.places();
        }
        PlanPlaces loaded = PlanPlaces.load();
        current = new Snapshot(generation, loaded);
        return loaded;
    }
}
