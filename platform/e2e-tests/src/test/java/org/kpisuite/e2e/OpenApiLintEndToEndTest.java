package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.devstack.SuiteServices;

/**
 * The OpenAPI document each packaged service serves (/q/openapi, after its runtime filters) passes Spectral's
 * {@code spectral:oas} and Redocly's {@code recommended} rulesets without an error; their warnings are printed.
 * The linters are npm packages at the versions of {@code openapi-lint/package-lock.json}, installed with
 * {@code npm ci} into {@code target/openapi-lint} by the machine's Node.js and npm. Without them the test fails:
 * a contract that was not linted is not called linted.
 */
class OpenApiLintEndToEndTest {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LINT_TIMEOUT = Duration.ofMinutes(2);

    private static SuiteUnderTest suite;
    private static Path work;

    @BeforeAll
    static void installLinters() throws Exception {
        suite = SuiteUnderTest.shared();
        Path source = suite.root().resolve("platform/e2e-tests/openapi-lint");
        work = Files.createDirectories(suite.root().resolve("platform/e2e-tests/target/openapi-lint"));
        boolean lockChanged = !Files.exists(work.resolve("package-lock.json"))
                || Files.mismatch(source.resolve("package-lock.json"), work.resolve("package-lock.json")) >= 0;
        for (String file : List.of("package.json", "package-lock.json", ".spectral.yaml", "redocly.yaml")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockChanged || !Files.isDirectory(work.resolve("node_modules/.bin"))) {
            // Exactly the locked versions; no install scripts (none is needed, one only reports telemetry).
            Run install = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), INSTALL_TIMEOUT);
            assertThat(install.exit()).as("npm ci in %s:%n%s", work, install.output()).isZero();
        }
    }

    static Stream<Arguments> services() {
        return SuiteServices.ALL.stream().map(spec -> Arguments.of(spec.name(), spec));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theServedDocumentLintsWithoutErrors(String name, SuiteServices.ServiceSpec spec) throws Exception {
        String document = suite.with(null, spec).queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        Path file = work.resolve(name + ".openapi.json");
        Files.writeString(file, document, StandardCharsets.UTF_8);

        Run spectral = run(List.of("node_modules/.bin/spectral", "lint", "--ruleset", ".spectral.yaml",
                "--fail-severity", "error", "--format", "text", file.getFileName().toString()), LINT_TIMEOUT);
        System.out.println("spectral, " + name + ":\n" + spectral.output());
        assertThat(spectral.exit()).as("Spectral on %s's document:%n%s", name, spectral.output()).isZero();

        Run redocly = run(List.of("node_modules/.bin/redocly", "lint", "--config", "redocly.yaml", "--format",
                "stylish", file.getFileName().toString()), LINT_TIMEOUT);
        System.out.println("redocly, " + name + ":\n" + redocly.output());
        assertThat(redocly.exit()).as("Redocly on %s's document:%n%s", name, redocly.output()).isZero();
    }

    private record Run(int exit, String output) {
    }

    /** Runs a command in the work directory, with its output; no telemetry or update checks (no network but npm's). */
    private static Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }
}
