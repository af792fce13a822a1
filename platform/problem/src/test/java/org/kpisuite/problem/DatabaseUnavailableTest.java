package org.kpisuite.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aRefusedOrLostConnectionDeepInTheChainIsTheDatabaseBeingDown() {
        // As Hibernate wraps it when PostgreSQL refuses the connection (SQLState 08001) or has shut down (57P01).
        assertThat(DatabaseUnavailable.causes(new RuntimeException("could not prepare statement",
                new SQLException("Connection to localhost:5432 refused", "08001")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLTransientConnectionException("gone"))).isTrue();
        // Agroal, when no connection can be opened in time.
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
    }

    @Test
    void aCommitCutByTheServerShuttingDownIsTheDatabaseBeingDown() {
        // As Narayana reports it: the driver's FATAL is below an XAException suppressed by the RollbackException.
        var rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        var xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertThat(DatabaseUnavailable.causes(new RuntimeException(rollback))).isTrue();
        var constraint = new IllegalStateException("rolled back");
        constraint.addSuppressed(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(DatabaseUnavailable.causes(constraint)).isFalse();
    }

    @Test
    void aBrokenQueryOrConstraintIsNot() {
        assertThat(DatabaseUnavailable.causes(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aClientThatHungUpMidBodyIsItsOwnFaultNotA500() {
        // As RESTEasy Reactive reports a body whose connection was reset while it was being read.
        var hungUp = new java.io.UncheckedIOException(new java.io.IOException(new java.io.IOException(
                new io.vertx.core.http.HttpClosedException("Connection was closed"))));
        assertThat(ProblemMappers.clientGone(hungUp)).isTrue();
        assertThat(new ProblemMappers().unexpected(hungUp, null).getStatus()).isEqualTo(400);
        assertThat(ProblemMappers.clientGone(new IllegalStateException("bug"))).isFalse();
    }
}
