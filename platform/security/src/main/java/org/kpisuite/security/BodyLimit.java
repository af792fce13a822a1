package org.kpisuite.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body larger than quarkus.http.limits.max-body-size gets a 413 problem+json instead of Vert.x's bare 413.
 * Runs just before Quarkus's own check (route order -2) and answers from the Content-Length alone, before any of
 * the body is read (curl and browsers send Expect: 100-continue for large bodies, so they send none of it); the
 * connection is then closed, as Quarkus does, and the service goes on serving others.
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(-3).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                tooLarge(rc, limit);
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
        Problem problem = new ProblemException(413, "body-too-large", "Request body too large", "body: " + reason,
                List.of(new Problem.Violation("body", reason))).toProblem(rc.request().path());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .endHandler(v -> rc.request().connection().close());
        rc.response().end(body);
    }
}
