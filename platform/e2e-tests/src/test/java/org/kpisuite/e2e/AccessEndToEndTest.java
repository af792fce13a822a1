package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.devstack.TokenCommand;
import org.kpisuite.testing.LocalTokens;

import io.restassured.http.ContentType;

/**
 * The packaged services refuse every write without the right token (401 without one, 403 with the wrong role),
 * as problem+json, keep their health and contract open, and accept the tokens that {@code make token} prints.
 */
class AccessEndToEndTest {

    private static SuiteUnderTest suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteUnderTest.shared();
    }

    @Test
    void noWriteGetsInWithoutTheRightToken() {
        record Write(SuiteServices.ServiceSpec service, String path) {
        }
        List<Write> writes = List.of(new Write(SuiteServices.PLAN, "/api/v1/plans"),
                new Write(SuiteServices.INDICATOR, "/api/v1/indicators"),
                new Write(SuiteServices.INGESTION, "/api/v1/measurements"),
                new Write(SuiteServices.INGESTION, "/api/v1/periods/close"),
                new Write(SuiteServices.REPORTING, "/api/v1/admin/rebuild"));
        for (Write write : writes) {
            suite.with(null, write.service()).contentType(ContentType.JSON).body("{}").post(write.path()).then()
                    .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
            suite.as(LocalTokens.VIEWER, write.service()).contentType(ContentType.JSON).body("{}").post(write.path())
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
            suite.with(suite.token(LocalTokens.ADMIN) + "x", write.service()).contentType(ContentType.JSON).body("{}")
                    .post(write.path()).then().statusCode(401);
            suite.with(null, write.service()).get("/q/health").then().statusCode(200);
            suite.with(null, write.service()).get("/q/openapi").then().statusCode(200);
        }
        suite.as(LocalTokens.BI, SuiteServices.REPORTING).get("/api/v1/exports/facts").then().statusCode(200);
        suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/exports/facts").then().statusCode(403);
    }

    @Test
    void makeTokenPrintsATokenTheServicesAccept() throws Exception {
        String admin = run(LocalTokens.ADMIN);
        assertThat(admin).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        suite.with(admin, SuiteServices.PLAN).get("/api/v1/plans").then().statusCode(200);
        String viewer = run(LocalTokens.VIEWER);
        suite.with(viewer, SuiteServices.REPORTING).get("/api/v1/progress?fiscalYear=2024").then().statusCode(200);
        suite.with(viewer, SuiteServices.PLAN).contentType(ContentType.JSON).body("{}").post("/api/v1/plans").then()
                .statusCode(403);
        assertThat(exitCode("kpi-wizard")).isEqualTo(2);
        assertThat(exitCode(LocalTokens.SUBMITTER)).isEqualTo(2);
    }

    /** TokenCommand, the main behind make token, as its own process on the suite's key pair. */
    private static String run(String role) throws Exception {
        Process process = start(role);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).endsWith("\n").doesNotContain(" ");
        return out.trim();
    }

    private static int exitCode(String role) throws Exception {
        Process process = start(role);
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static Process start(String role) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TokenCommand.class.getName(),
                suite.keysRoot().toString(), role, "")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
