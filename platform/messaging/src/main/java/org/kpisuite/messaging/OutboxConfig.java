package org.kpisuite.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.outbox")
public interface OutboxConfig {

    /** Turns the relay off, e.g. where Debezium reads the outbox table instead. */
    @WithDefault("true")
    boolean relayEnabled();

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /kpi/ingestion-service}. */
    String source();

    /** Rows published per relay transaction: large, so that a big import leaves in few lz4-compressed batches. */
    @WithDefault("5000")
    int batchSize();

    /**
     * How often the relay looks for rows when no commit woke it (neither in-process nor by NOTIFY): only a fallback,
     * e.g. while the listener's connection is being replaced.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pause after a failed publication (e.g. broker down) before the next try. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Upper bound for one publication to be acknowledged by the broker. */
    @WithDefault("20s")
    Duration sendTimeout();
}
