package org.kpisuite.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/** The memory of verified tokens never accepts what the parser would refuse. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://kpi.test/issuer";

    private static KeyPair keys;
    private static KeyPair otherKeys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    private static VerifiedTokens parser() {
        JWTAuthContextInfo settings = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        settings.setClockSkew(0);
        return new VerifiedTokens(settings);
    }

    private static String token(KeyPair signer, String issuer, long expiresInSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("someone");
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        claims.setStringListClaim("groups", "kpi-viewer");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void aVerifiedTokenIsRememberedAndOnlyThatVeryToken() throws Exception {
        VerifiedTokens parser = parser();
        String token = token(keys, ISSUER, 600);
        var first = parser.parse(token);
        assertThat(parser.parse(token)).isSameAs(first);
        assertThat(first.getName()).isEqualTo("someone");

        String[] parts = token.split("\\.");
        String otherSignature = token(otherKeys, ISSUER, 600).split("\\.")[2];
        assertThatThrownBy(() -> parser.parse(parts[0] + "." + parts[1] + "." + otherSignature))
                .isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(token(otherKeys, ISSUER, 600))).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(token(keys, "https://evil.example", 600))).isInstanceOf(ParseException.class);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() throws Exception {
        VerifiedTokens parser = parser();
        String token = token(keys, ISSUER, 2);
        parser.parse(token);
        parser.parse(token);
        Thread.sleep(3_100);
        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
    }
}
