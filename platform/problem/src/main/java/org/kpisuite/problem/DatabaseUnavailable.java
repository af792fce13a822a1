package org.kpisuite.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises a failure that comes from the database being down or restarting, not from the request: whatever
 * wraps it (Hibernate's JDBCConnectionException, a rolled-back transaction), the cause chain holds the driver's
 * or the pool's SQLException.
 */
public final class DatabaseUnavailable {

    /** What a client should wait before sending the request again; a restart takes a few seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        return find(failure) != null;
    }

    static String describe(Throwable failure) {
        Throwable cause = find(failure);
        return cause == null ? String.valueOf(failure) : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable find(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return t;
            }
            if (t instanceof SQLException sql && unavailable(sql)) {
                return t;
            }
        }
        return null;
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exception; 57P01-57P03: the server is shutting down, crashed or not yet accepting.
            return state.startsWith("08") || state.startsWith("57P");
        }
        // Agroal gives up waiting for a connection with a plain SQLException when it cannot open any.
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
