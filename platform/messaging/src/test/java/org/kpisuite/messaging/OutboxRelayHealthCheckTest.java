package org.kpisuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class OutboxRelayHealthCheckTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void upWhilePublishingAndReportsTheBacklog() {
        var response = OutboxRelayHealthCheck.response(new OutboxRelay.Status(true, T0, null, null),
                new OutboxRelay.Backlog(3, 4.6, T0));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow())
                .containsEntry("lastPublished", T0.toString())
                .containsEntry("backlog", 3L)
                .containsEntry("oldestAgeSeconds", 5L);
    }

    @Test
    void downWhenTheLastPublicationFailedAndUpAgainOnceOneSucceeds() {
        var failing = new OutboxRelay.Status(true, T0, T0.plusSeconds(5), "TimeoutException: Topic not present");
        var response = OutboxRelayHealthCheck.response(failing, null);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("lastError", "TimeoutException: Topic not present");

        var recovered = new OutboxRelay.Status(true, T0.plusSeconds(9), T0.plusSeconds(5), "TimeoutException");
        assertThat(OutboxRelayHealthCheck.response(recovered, null).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aDisabledRelayIsNoReasonToBeUnready() {
        var response = OutboxRelayHealthCheck.response(new OutboxRelay.Status(false, null, null, null), null);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("enabled", false);
    }
}
