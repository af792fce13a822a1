package org.kpisuite.messaging;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Hibernate ORM's JSON columns ({@code @JdbcTypeCode(SqlTypes.JSON)}) are read and written by the application's
 * {@link ObjectMapper}, the one {@link JsonSettings} configures for REST and events: one JSON dialect in the
 * database too (Quarkus would otherwise refuse to map JSON columns beside a customised mapper).
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class JsonColumns implements FormatMapper {

    private final FormatMapper jackson;

    @Inject
    public JsonColumns(ObjectMapper mapper) {
        this.jackson = new JacksonJsonFormatMapper(mapper);
    }

    @Override
    public <T> T fromString(CharSequence json, JavaType<T> type, WrapperOptions options) {
        return jackson.fromString(json, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return jackson.toString(value, type, options);
    }

    @Override
    public boolean supportsSourceType(Class<?> sourceType) {
        return jackson.supportsSourceType(sourceType);
    }

    @Override
    public boolean supportsTargetType(Class<?> targetType) {
        return jackson.supportsTargetType(targetType);
    }

    @Override
    public <T> void writeToTarget(T value, JavaType<T> type, Object target, WrapperOptions options) throws IOException {
        jackson.writeToTarget(value, type, target, options);
    }

    @Override
    public <T> T readFromSource(JavaType<T> type, Object source, WrapperOptions options) throws IOException {
        return jackson.readFromSource(type, source, options);
    }
}
