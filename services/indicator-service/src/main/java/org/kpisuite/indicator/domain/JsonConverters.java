package org.kpisuite.indicator.domain;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.kpisuite.events.IndicatorEvent.BaselineFormula;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Condition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small value objects of an indicator stored as JSON text in their own column. */
public final class JsonConverters {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonConverters() {
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;

        Json(TypeReference<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return value == null ? null : MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public T convertToEntityAttribute(String json) {
            try {
                return json == null ? null : MAPPER.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable column value: " + json, e);
            }
        }
    }

    @Converter
    public static class Strings extends Json<List<String>> {
        public Strings() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class BreakdownJson extends Json<Breakdown> {
        public BreakdownJson() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class Parts extends Json<List<org.kpisuite.events.IndicatorEvent.Part>> {
        public Parts() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class Rules extends Json<List<org.kpisuite.events.IndicatorEvent.Rule>> {
        public Rules() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class Conditions extends Json<List<Condition>> {
        public Conditions() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class Formula extends Json<BaselineFormula> {
        public Formula() {
            super(new TypeReference<>() {
            });
        }
    }
}
