package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The head of the read model that a read of today's progress compares against is kept in memory: a change that
 * another replica commits is seen within moments, this replica's own at once, and none is missed while the
 * listening connection is lost.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ReadModelHeadTest {

    /** A year no other test keeps. */
    private static final int YEAR = 2090;

    @Inject
    ReadModelState state;

    @Inject
    KeptProgress kept;

    @Inject
    PlanPlacesCache planPlaces;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    private static final String LISTENER = "select 1 from pg_stat_activity"
            + " where datname = current_database() and application_name = 'read-model-head-listener'";

    @BeforeEach
    @AfterEach
    void noKeptYearAndListening() throws SQLException {
        await().atMost(Duration.ofSeconds(20)).until(() -> elsewhere(LISTENER) == 1);
        elsewhere("delete from kept_year where fiscal_year = " + YEAR);
        await().atMost(Duration.ofSeconds(10)).until(() -> !state.head(YEAR).kept());
    }

    @Test
    void aChangeCommittedByAnotherReplicaIsSeenWithinMomentsAndThisReplicasOwnAtOnce() throws SQLException {
        assertThat(state.head(YEAR).kept()).isFalse();

        elsewhere("insert into kept_year (fiscal_year, as_of, version) values (%d, '%s', 5)".formatted(YEAR, kept.today()));
        await().atMost(Duration.ofSeconds(10)).until(() -> knownVersion() == 5);
        assertThat(state.head(YEAR).keptAsOf()).isEqualTo(kept.today());

        QuarkusTransaction.requiringNew().run(() -> {
            state.changing();
            entityManager.createNativeQuery("update kept_year set version = 6 where fiscal_year = " + YEAR).executeUpdate();
        });
        assertThat(state.head(YEAR).keptVersion()).isEqualTo(6);

        // What the event loop answers from (never the database) follows this replica's own commit within moments,
        // without any read asking the database meanwhile.
        QuarkusTransaction.requiringNew().run(() -> {
            state.changing();
            entityManager.createNativeQuery("update kept_year set version = 8 where fiscal_year = " + YEAR).executeUpdate();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> knownVersion() == 8);

        // A change rolled back is not seen.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            state.changing();
            entityManager.createNativeQuery("update kept_year set version = 7 where fiscal_year = " + YEAR).executeUpdate();
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        assertThat(state.head(YEAR).keptVersion()).isEqualTo(8);

        // The plan generation is part of every year's head.
        long generation = state.head(YEAR).planGeneration();
        elsewhere("update read_model_state set plan_generation = plan_generation + 1 where id = 1");
        await().atMost(Duration.ofSeconds(10)).until(() -> state.knownHead(YEAR) != null
                && state.knownHead(YEAR).planGeneration() == generation + 1);
    }

    @Test
    void thePlanGenerationFollowsThisReplicasOwnChangeAtOnceAndAnUncommittedTreeIsNotShared() {
        long generation = state.planGeneration();
        PlanPlaces before = planPlaces.get();
        assertThat(planPlaces.get()).isSameAs(before);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            state.planChanged();
            assertThat(state.changingHere()).isTrue();
            // Loaded for this transaction alone: were it kept, a rollback would leave it under a generation to come.
            assertThat(planPlaces.get()).isNotSameAs(before);
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        assertThat(state.changingHere()).isFalse();
        assertThat(state.planGeneration()).isEqualTo(generation);
        assertThat(planPlaces.get()).isSameAs(before);

        QuarkusTransaction.requiringNew().run(state::planChanged);
        assertThat(state.planGeneration()).isEqualTo(generation + 1);
        assertThat(planPlaces.get()).isNotSameAs(before);
    }

    @Test
    void aChangeCommittedWhileTheListeningConnectionIsLostIsNotMissed() throws SQLException {
        elsewhere("insert into kept_year (fiscal_year, as_of, version) values (%d, '%s', 1)".formatted(YEAR, kept.today()));
        await().atMost(Duration.ofSeconds(10)).until(() -> knownVersion() == 1);

        assertThat(elsewhere(LISTENER.replace("select 1", "select pg_terminate_backend(pid)"))).isEqualTo(1);
        elsewhere("update kept_year set version = 2 where fiscal_year = " + YEAR);
        // Committed while nobody listened: read once the listener is back, without any read asking meanwhile.
        await().atMost(Duration.ofSeconds(20)).until(() -> knownVersion() == 2);

        // Listening again, it hears the next change.
        await().atMost(Duration.ofSeconds(20)).until(() -> elsewhere(LISTENER) == 1);
        elsewhere("update kept_year set version = 3 where fiscal_year = " + YEAR);
        await().atMost(Duration.ofSeconds(10)).until(() -> knownVersion() == 3);
        assertThat(state.head(YEAR).keptVersion()).isEqualTo(3);
    }

    /** The version the event loop's reads see (-1 while only the database can tell). */
    private long knownVersion() {
        ReadModelState.Head head = state.knownHead(YEAR);
        return head == null ? -1 : head.keptVersion();
    }

    /** A statement committed on a connection of its own, as another replica would; the rows it returns or changed. */
    private int elsewhere(String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                int rows = 0;
                try (var rs = statement.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                return rows;
            }
            return statement.getUpdateCount();
        }
    }
}
