package org.kpisuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.kpisuite.testing.LocalTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path root;

    @Test
    void configPointsTheServiceAtItsOwnDatabaseTheBrokerAndTheLocalKeys() {
        LocalTokens tokens = LocalTokens.inDirectory(root.resolve(".data/keys"));
        assertThat(SuiteServices.config(SuiteServices.INGESTION, 15432, "localhost:19092", tokens)).containsExactly(
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:15432/ingestion"),
                Map.entry("quarkus.datasource.username", "postgres"),
                Map.entry("quarkus.datasource.password", ""),
                Map.entry("kafka.bootstrap.servers", "localhost:19092"),
                Map.entry("quarkus.log.console.json.enabled", "false"),
                Map.entry("mp.jwt.verify.publickey.location", root.resolve(".data/keys/public.pem").toUri().toString()),
                Map.entry("mp.jwt.verify.issuer", "kpi-suite-local"));
    }

    @Test
    void commandRunsTheFastJarWithPortAndConfigAsSystemProperties() {
        var spec = SuiteServices.PLAN.withPort(18081);
        ServiceProcess service = ServiceProcess.of(root, spec, Map.of("kafka.bootstrap.servers", "localhost:1"),
                root.resolve("plan.log"));

        assertThat(service.command())
                .contains("-Xmx256m", "-Dquarkus.http.port=18081", "-Dkafka.bootstrap.servers=localhost:1")
                .endsWith("-jar", root.resolve("services/plan-service/target/quarkus-app/quarkus-run.jar").toString());
    }

    @Test
    void aMissingJarIsNamedWithTheAdviceToBuild() {
        ServiceProcess service = ServiceProcess.of(root, SuiteServices.REPORTING, Map.of(), root.resolve("r.log"));

        assertThatThrownBy(service::start)
                .hasMessageContaining("services/reporting-service/target/quarkus-app/quarkus-run.jar is missing")
                .hasMessageContaining("./mvnw -B -DskipTests package");
    }

    @Test
    void awaitReadyFailsWithTheLogTailWhenTheProcessDies() throws Exception {
        var spec = SuiteServices.INDICATOR.withPort(1);
        Files.createDirectories(spec.jar(root).getParent());
        Files.writeString(spec.jar(root), "not a jar");
        ServiceProcess service = ServiceProcess.of(root, spec, Map.of(), root.resolve("logs/indicator.log"));

        service.start();

        assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(30)))
                .hasMessageContaining("indicator-service exited with code 1 before it was ready")
                .hasMessageContaining("Invalid or corrupt jarfile");
        assertThat(service.isAlive()).isFalse();
        service.stop(); // a no-op on a dead process
    }
}
