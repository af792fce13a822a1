package org.kpisuite.ingestion.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.ingestion")
public interface IngestionConfig {

    /** The time zone whose calendar decides which month is "the future". */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();
}
