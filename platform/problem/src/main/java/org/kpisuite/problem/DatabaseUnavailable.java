package org.kpisuite.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /**
     * Searches the causes and what they suppressed: a commit that fails as the server goes away surfaces as a
     * RollbackException whose XAException (the driver's FATAL 57P01 below it) is suppressed, not its cause.
     */
    private static Throwable find(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(failure);
        while (!pending.isEmpty() && seen.size() < 50) {
            Throwable t = pending.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return t;
            }
            if (t instanceof SQLException sql && unavailable(sql)) {
                return t;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
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
