package org.kpisuite.messaging;

import java.time.Duration;

/**
 * The pause before the next attempt of something that failed for a reason retrying can mend (the database or the
 * broker restarting): it doubles after each attempt, up to the longest. The consumers and the read model's rebuild
 * wait this way.
 */
public final class RetryPause {

    private final Duration longest;
    private Duration next;

    public RetryPause(Duration first, Duration longest) {
        this.next = first.compareTo(longest) > 0 ? longest : first;
        this.longest = longest;
    }

    /** The pause the next {@link #sleep} waits. */
    public Duration next() {
        return next;
    }

    /** Waits the pause, then doubles it for the time after (up to the longest). */
    public void sleep() {
        try {
            Thread.sleep(next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
        next = next.multipliedBy(2).compareTo(longest) > 0 ? longest : next.multipliedBy(2);
    }
}
