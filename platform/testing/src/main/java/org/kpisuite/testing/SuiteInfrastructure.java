package org.kpisuite.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real Kafka broker and a real PostgreSQL for a service's {@code @QuarkusTest}s and points the
 * service at them, and has it accept the tokens of {@link Tokens} (RestAssured calls carry an administrator's
 * unless a test says otherwise). Registered once per service test suite with {@code @QuarkusTestResource}.
 */
public class SuiteInfrastructure implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker kafka;
    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        kafka = KafkaBroker.start();
        postgres = PostgresServer.startTemporary();
        Map<String, String> config = new HashMap<>(kafka.config());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("postgres"));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        config.putAll(Tokens.keys().verificationConfig());
        Tokens.adminByDefault();
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
