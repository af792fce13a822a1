package org.kpisuite.ingestion.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.ingestion")
public interface IngestionConfig {

    /** The time zone whose calendar decides which month is "the future". */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** The most rows one batch may hold; a larger one is refused whole (413) before any row is checked. */
    @WithDefault("50000")
    int maxBatchRows();

    /** Single submissions gathered into one transaction (see {@code GroupCommitter}). */
    GroupCommit groupCommit();

    interface GroupCommit {

        /** How long a committer waits for more submissions after the first one before it writes the group. */
        @WithDefault("2ms")
        Duration window();

        /** A group is written at once when it holds this many submissions. */
        @WithDefault("200")
        int maxSize();

        /** Committer threads; each writes one group at a time. */
        @WithDefault("2")
        int committers();
    }
}
