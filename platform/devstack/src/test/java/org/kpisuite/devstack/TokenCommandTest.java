package org.kpisuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpisuite.testing.LocalTokens;

/** make token: which arguments it takes, and that the key pair it signs with is made once and kept. */
class TokenCommandTest {

    @TempDir
    Path root;

    @Test
    void refusesAnUnknownRoleAndASubmitterWithoutDepartment() {
        assertThat(TokenCommand.check("", null)).contains("ROLE is required");
        assertThat(TokenCommand.check("kpi-wizard", null)).contains("unknown role 'kpi-wizard'");
        assertThat(TokenCommand.check("kpi-submitter", null)).contains("DEPARTMENT");
        assertThat(TokenCommand.check("kpi-viewer", "security")).contains("only for ROLE=kpi-submitter");
        assertThat(TokenCommand.check("kpi-submitter", "security")).isNull();
        assertThat(TokenCommand.check("kpi-admin", null)).isNull();
    }

    @Test
    void theKeyPairIsMadeOnceAndKeptBetweenRuns() throws Exception {
        Path keys = DevStack.keysDirectory(root);
        LocalTokens first = LocalTokens.inDirectory(keys);
        String publicKey = Files.readString(first.publicKeyFile());
        assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(LocalTokens.inDirectory(keys).publicKeyFile()).isEqualTo(first.publicKeyFile());
        assertThat(Files.readString(keys.resolve("public.pem"))).isEqualTo(publicKey);

        String token = first.mint("someone", LocalTokens.SUBMITTER, "security", Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"kpi-suite-local\"", "\"sub\":\"someone\"",
                "\"groups\":[\"kpi-submitter\"]", "\"department\":\"security\"");
    }
}
