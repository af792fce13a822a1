package org.kpisuite.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Today's progress moves with the date alone (the expected pace, the year's end): shortly after midnight the kept
 * years are recalculated whole, and the statuses that change are announced, without waiting for a value or a read.
 * Several replicas may run it at once; the years' row locks make the second find the work done.
 */
@ApplicationScoped
public class NewDayRefresh {

    @Inject
    KeptProgress kept;

    @Scheduled(every = "60s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshStaleYears() {
        QuarkusTransaction.requiringNew().run(() -> kept.refreshStale(kept.today()));
    }
}
