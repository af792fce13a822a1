package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.testing.SuiteInfrastructure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A rebuild whose replica went silent is taken over; one that finished meanwhile is not started again. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class RebuildTakeoverTest {

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    AgroalDataSource dataSource;

    private ReadModelRebuild.Status status() {
        return QuarkusTransaction.requiringNew().call(rebuild::status);
    }

    @Test
    void aSilentRebuildIsTakenOverAndAFinishedOneIsNotStartedAgain() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> !status().running());

        // The takeover of a rebuild that has finished since it was seen silent claims nothing.
        assertThatThrownBy(() -> rebuild.start("takeover of a finished one", UUID.randomUUID()))
                .isInstanceOf(ProblemException.class);
        assertThat(status().running()).isFalse();

        // A rebuild whose replica stopped beating two minutes ago is started again here.
        UUID silent = UUID.randomUUID();
        try (var connection = dataSource.getConnection(); var update = connection.prepareStatement("""
                update read_model_state set rebuild_id = ?, rebuild_owner = 'a replica that died', rebuild_started = now(),
                    rebuild_heartbeat = now() - interval '2 minutes', rebuild_events = 0 where id = 1""")) {
            update.setObject(1, silent);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        rebuild.takeOverStale();
        ReadModelRebuild.Status taken = status();
        assertThat(taken.owner()).isEqualTo("takeover of " + silent);
        assertThat(taken.id()).isNotEqualTo(silent);
        await().atMost(Duration.ofSeconds(120)).until(() -> !status().running());
        assertThat(status().last().id()).isEqualTo(taken.id());
    }
}
