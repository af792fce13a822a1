package org.kpisuite.ingestion.config;

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
}
