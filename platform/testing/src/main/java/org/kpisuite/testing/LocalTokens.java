package org.kpisuite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.jwt.Claims;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A local RSA key pair that signs bearer tokens the services accept (RS256 JWS, the claims SmallRye JWT reads:
 * iss, sub, upn, groups, the department, iat, exp, jti), built and signed by SmallRye JWT Build. For tests,
 * {@code make run} and {@code make token}; production tokens come from the OIDC provider.
 */
public final class LocalTokens {

    /** The issuer the services expect by default (platform/security's mp.jwt.verify.issuer). */
    public static final String ISSUER = "kpi-suite-local";
    public static final String ADMIN = "kpi-admin";
    public static final String SUBMITTER = "kpi-submitter";
    public static final String VIEWER = "kpi-viewer";
    public static final String BI = "kpi-bi";
    public static final String EVALUATOR = "kpi-evaluator";
    public static final String APPROVER = "kpi-approver";
    public static final List<String> ROLES = List.of(ADMIN, SUBMITTER, VIEWER, BI, EVALUATOR, APPROVER);
    public static final String PUBLIC_KEY_FILE = "public.pem";
    public static final String PRIVATE_KEY_FILE = "private.pem";
    /** The claim naming a submitter's department (platform/security's kpi.security.department-claim default). */
    public static final String DEPARTMENT_CLAIM = "department";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private LocalTokens(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The key pair in the directory (public.pem, private.pem), generated there first if missing. */
    public static synchronized LocalTokens inDirectory(Path directory) {
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        try {
            if (!Files.isRegularFile(publicFile) || !Files.isRegularFile(privateFile)) {
                generate(directory, publicFile, privateFile);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replaceAll("-----[A-Z ]+-----", "").trim());
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalTokens(key, publicFile.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the key pair in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable private key " + privateFile, e);
        }
    }

    private static void generate(Path directory, Path publicFile, Path privateFile)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // Written beside, then moved: a reader never sees half a key.
        Path privateTmp = Files.createTempFile(directory, "private", ".tmp");
        try {
            Files.setPosixFilePermissions(privateTmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        Files.writeString(privateTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path publicTmp = Files.createTempFile(directory, "public", ".tmp");
        Files.writeString(publicTmp, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.move(privateTmp, privateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(publicTmp, publicFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** What a service needs to accept this pair's tokens (as config properties). */
    public Map<String, String> verificationConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey.location", publicKeyFile.toUri().toString());
        config.put("mp.jwt.verify.issuer", ISSUER);
        return config;
    }

    /** A token of one role, valid for the given time; department only for a submitter. */
    public String mint(String subject, String role, String department, Duration validity) {
        Instant now = Instant.now();
        return sign(ISSUER, subject, List.of(role), department, now, now.plus(validity));
    }

    /** Any token, for the tests of what is refused (other issuers, expired ones). */
    public String sign(String issuer, String subject, Collection<String> groups, String department,
            Instant issuedAt, Instant expiresAt) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(subject).upn(subject).groups(new LinkedHashSet<>(groups))
                .issuedAt(issuedAt).expiresAt(expiresAt).claim(Claims.jti.name(), UUID.randomUUID().toString());
        if (department != null) {
            claims.claim(DEPARTMENT_CLAIM, department);
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(privateKey);
    }
}
