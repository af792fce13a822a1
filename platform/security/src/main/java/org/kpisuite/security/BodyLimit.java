package org.kpisuite.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kpisuite.problem.HttpProblems;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A body larger than quarkus.http.limits.max-body-size gets a 413 problem+json instead of Vert.x's bare 413, also
 * when it is chunked and announces no length.
 * Runs just before Quarkus's own check (route order -2) and answers from the Content-Length alone, before any of
 * the body is read (curl and browsers send Expect: 100-continue for large bodies, so they send none of it); the
 * connection is then closed, as Quarkus does, and the service goes on serving others.
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    HttpProblems problems;

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        // A chunked body announces no length: read it here, up to the limit; beyond it the body handler fails the
        // request with 413, which HttpProblems answers as problem+json. JAX-RS then reads the body already read.
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false);
        router.route().order(-3).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                tooLarge(rc, limit);
            } else if (length == null && rc.request().getHeader(HttpHeaderNames.TRANSFER_ENCODING) != null) {
                chunked.handle(rc);
            } else {
                rc.next();
            }
        });
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Quarkus answers a malformed Content-Length itself
        }
    }

    private void tooLarge(RoutingContext rc, long limit) {
        String reason = "has " + rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH)
                + " bytes; this service accepts at most " + limit;
        problems.send(rc, new ProblemException(413, "body-too-large", "Request body too large", "body: " + reason,
                List.of(new Problem.Violation("body", reason))), true);
    }
}
