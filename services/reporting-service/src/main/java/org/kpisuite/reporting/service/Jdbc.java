package org.kpisuite.reporting.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Set-based statements on the read model's hot paths: one statement binds whole columns as arrays
 * ({@code unnest(?::varchar[], ...)}, {@code = any(?)}), whatever the number of rows. Hibernate, even batching,
 * sends a statement per entity.
 */
final class Jdbc {

    private Jdbc() {
    }

    /** Runs JDBC work on the session's connection, after the entities pending in its transaction are written. */
    static <T> T work(EntityManager entityManager, ReturningWork<T> work) {
        if (QuarkusTransaction.isActive()) {
            entityManager.flush();
        }
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    /** One column of {@code rows} as a PostgreSQL array of {@code sqlType} (varchar, int4, numeric, uuid, ...). */
    static <R> Array column(Connection connection, String sqlType, Collection<R> rows, Function<R, Object> value)
            throws SQLException {
        Object[] values = new Object[rows.size()];
        int i = 0;
        for (R row : rows) {
            values[i++] = value.apply(row);
        }
        return connection.createArrayOf(sqlType, values);
    }

    static Array strings(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray());
    }
}
