package org.kpisuite.testing;

import static org.kpisuite.testing.AccessRules.Endpoint.write;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.testing.AccessRules.Endpoint;

/**
 * A service's table of who may call what ({@link AccessRules}): the service's test class extends this and declares
 * {@code static Stream<Endpoint> endpoints()}, every endpoint of its own with the roles it allows. The endpoints
 * every service has from the platform are checked here.
 */
public abstract class AccessCheck {

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    public void onlyTheStatedRolesGetIn(Endpoint endpoint) {
        AccessRules.assertAccess(endpoint);
    }

    /** Replaying dead letters does real work (it reads the topic): refusals only; EventContractTest calls it. */
    @Test
    public void onlyAnAdministratorReplaysDeadLetters() {
        AccessRules.assertAccess(
                write("POST", "/api/v1/admin/dead-letters/replay", null, LocalTokens.ADMIN).refusalsOnly());
    }
}
