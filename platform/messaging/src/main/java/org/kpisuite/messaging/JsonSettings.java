package org.kpisuite.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import jakarta.inject.Singleton;

import org.kpisuite.problem.StrictJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One JSON dialect for events and REST across the suite: ISO dates, plain decimals, exact numbers, and strict
 * reading ({@link StrictJson}: one document, enums by name, real booleans and numbers, dates as YYYY-MM-DD in the
 * years 0001–9999, well-formed UTF-8, no NUL).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
        mapper.configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        StrictJson.apply(mapper);
        // Java time first, so that Quarkus registering it again later is ignored (one registration per module) and
        // the faster instant reader, registered after it, is the one used.
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new SimpleModule("kpi-iso-instants").addDeserializer(Instant.class, new IsoInstants()));
        mapper.registerModule(new SimpleModule("kpi-iso-dates")
                .addDeserializer(LocalDate.class, StrictJson.IsoDateReader.dates())
                .addDeserializer(YearMonth.class, StrictJson.IsoDateReader.months()));
    }
}
