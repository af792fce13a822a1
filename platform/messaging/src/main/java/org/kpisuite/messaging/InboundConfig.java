package org.kpisuite.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.inbound")
public interface InboundConfig {

    /**
     * The longest pause between two tries of an event that failed for a passing reason (database gone): the pause
     * starts at 200 ms and doubles up to this.
     */
    @WithDefault("10s")
    Duration longestRetryPause();
}
