package org.kpisuite.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's parser, remembering the tokens it has verified until they expire: a department's client sends the
 * same bearer token with every value, and verifying its RSA signature each time was the largest cost of a single
 * submission. Keyed by the whole token, signature included, so only the very token that was verified is
 * remembered; a token is verified again once it has expired (the parser then refuses it), and never served past
 * its expiry. Bounded: a burst of distinct tokens only empties the memory.
 * <p>
 * Neither SmallRye JWT nor Quarkus remembers a verified bearer token (quarkus-oidc's token cache holds introspection
 * and UserInfo answers, not signatures checked locally).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    static final int MAX_TOKENS = 10_000;

    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    /** For CDI: the parser's settings are injected (mp.jwt.verify.*). */
    public VerifiedTokens() {
    }

    VerifiedTokens(JWTAuthContextInfo settings) {
        super(settings);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        if (known != null) {
            if (!expired(known)) {
                return known;
            }
            verified.remove(token);
        }
        JsonWebToken parsed = super.parse(token);
        if (parsed.getExpirationTime() > 0) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, parsed);
        }
        return parsed;
    }

    private static boolean expired(JsonWebToken token) {
        return System.currentTimeMillis() / 1000 >= token.getExpirationTime();
    }
}
