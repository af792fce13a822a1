package org.kpisuite.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the outbox relay's own Kafka producer, which the connector's checks do not see: DOWN while its
 * last publication failed (broker unreachable, topic missing) and nothing has been published since. The
 * database and the consumers have their own checks (Agroal, SmallRye Reactive Messaging, Kafka admin client).
 */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        // Never queries: a readiness probe must answer fast even while the database hangs.
        return response(relay.status(), relay.lastBacklog());
    }

    static HealthCheckResponse response(OutboxRelay.Status status, OutboxRelay.Backlog backlog) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Outbox relay").status(status.healthy());
        builder.withData("enabled", status.enabled());
        if (status.lastPublished() != null) {
            builder.withData("lastPublished", status.lastPublished().toString());
        }
        if (status.lastFailure() != null) {
            builder.withData("lastFailure", status.lastFailure().toString());
            builder.withData("lastError", status.lastError());
        }
        if (backlog != null && backlog.rows() >= 0) {
            builder.withData("backlog", backlog.rows());
            builder.withData("oldestAgeSeconds", Math.round(backlog.oldestAgeSeconds()));
        }
        return builder.build();
    }
}
