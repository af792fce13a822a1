package org.kpisuite.messaging;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must wait until the current transaction has committed (a wake-up of a thread that reads its rows). */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} once the current transaction has committed; never if it rolls back. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
