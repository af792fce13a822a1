package org.kpisuite.messaging;

import java.util.Set;

/**
 * How a consumer applies the events of its topics, known to {@link InboundProcessor} beyond the consumer's
 * {@code @Incoming} method, so that a dead-lettered event can be replayed through the same code once it is fixed.
 * Every consumer bean implements it.
 */
public interface InboundHandler {

    /** The topics (channels) whose events {@link #apply} takes. */
    Set<String> topics();

    /** Applies one event in the caller's transaction; {@link UnreadableEventException} when it can never be. */
    void apply(String topic, InboundEvent event);

    /** Work the events of one transaction share, run once before it commits. */
    default void beforeCommit() {
    }
}
