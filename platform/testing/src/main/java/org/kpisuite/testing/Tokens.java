package org.kpisuite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;

/**
 * Bearer tokens for service tests, signed by a key pair made once per JVM; {@link SuiteInfrastructure} points
 * the service at its public key. Requests that name no token are sent with an administrator's (see
 * {@link #adminByDefault()}), so a test says who calls only where that is what it tests.
 */
public final class Tokens {

    public static final String AUTHORIZATION = "Authorization";
    /** Marks a request that must go without any token; the default filter removes the marker. */
    private static final String NO_TOKEN = "X-Test-No-Token";
    private static volatile boolean installed;

    private Tokens() {
    }

    private static final class Keys {
        static final LocalTokens SUITE = LocalTokens.inDirectory(tempDirectory("kpi-test-keys"));
        static final LocalTokens STRANGER = LocalTokens.inDirectory(tempDirectory("kpi-other-keys"));

        private static java.nio.file.Path tempDirectory(String prefix) {
            try {
                return Files.createTempDirectory(prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The key pair whose tokens the service under test accepts. */
    public static LocalTokens keys() {
        return Keys.SUITE;
    }

    public static String admin() {
        return of(LocalTokens.ADMIN, null);
    }

    public static String viewer() {
        return of(LocalTokens.VIEWER, null);
    }

    public static String bi() {
        return of(LocalTokens.BI, null);
    }

    public static String submitter(String department) {
        return of(LocalTokens.SUBMITTER, department);
    }

    /** A valid token of one role (department for a submitter; null otherwise). */
    public static String of(String role, String department) {
        return forSubject(role + (department == null ? "" : "." + department) + "@test", role, department);
    }

    /** A valid token of one role for a subject the test names, e.g. to find it recorded as who made a change. */
    public static String forSubject(String subject, String role, String department) {
        // Long enough for the longest test run (the default admin token is made once per JVM).
        return keys().mint(subject, role, department, Duration.ofHours(12));
    }

    /** An administrator's token that expired an hour ago. */
    public static String expired() {
        Instant now = Instant.now();
        return keys().sign(LocalTokens.ISSUER, "expired@test", List.of(LocalTokens.ADMIN), null,
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }

    /** Signed by the right key but issued by someone else. */
    public static String wrongIssuer() {
        Instant now = Instant.now();
        return keys().sign("https://elsewhere.example/realms/other", "stranger@test", List.of(LocalTokens.ADMIN),
                null, now, now.plus(Duration.ofHours(1)));
    }

    /** A viewer's token whose claims were rewritten to an administrator's, keeping the viewer's signature. */
    public static String tampered() {
        String[] viewer = viewer().split("\\.");
        String[] admin = admin().split("\\.");
        return viewer[0] + "." + admin[1] + "." + viewer[2];
    }

    /** An administrator's token signed by a key pair the service does not know. */
    public static String otherKey() {
        return Keys.STRANGER.mint("stranger@test", LocalTokens.ADMIN, null, Duration.ofHours(1));
    }

    /** Not a JWT at all. */
    public static String malformed() {
        return "not-a-token";
    }

    /** A request spec sending this token. */
    public static RequestSpecification as(String token) {
        return new RequestSpecBuilder().addHeader(AUTHORIZATION, "Bearer " + token).build();
    }

    /** A request spec sending no token at all. */
    public static RequestSpecification anonymous() {
        return new RequestSpecBuilder().addHeader(NO_TOKEN, "true").build();
    }

    /**
     * From now on in this JVM, a RestAssured request without an Authorization header carries an administrator's
     * token; {@link #as} sends its own, {@link #anonymous()} none.
     */
    public static synchronized void adminByDefault() {
        if (installed) {
            return;
        }
        String admin = admin();
        Filter filter = (request, response, context) -> {
            if (request.getHeaders().hasHeaderWithName(NO_TOKEN)) {
                request.removeHeader(NO_TOKEN);
            } else if (!request.getHeaders().hasHeaderWithName(AUTHORIZATION)) {
                request.header(AUTHORIZATION, "Bearer " + admin);
            }
            return context.next(request, response);
        };
        RestAssured.filters(filter);
        installed = true;
    }
}
