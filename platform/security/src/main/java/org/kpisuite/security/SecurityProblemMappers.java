package org.kpisuite.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 as problem+json. Authentication is not proactive (see META-INF/microprofile-config.properties),
 * so a missing or bad token reaches these mappers when an endpoint's roles are checked.
 */
public class SecurityProblemMappers {

    private static final Logger LOG = Logger.getLogger(SecurityProblemMappers.class);
    static final String CHALLENGE = "Bearer";

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, UriInfo uri) {
        return unauthorized("a bearer token is required (Authorization: Bearer <token>)", uri);
    }

    @ServerExceptionMapper
    public Response invalid(AuthenticationFailedException e, UriInfo uri) {
        // The cause says why (expired, signature, issuer); the caller only learns that the token is not accepted.
        LOG.debugf(e, "token refused on %s", uri == null ? "?" : uri.getPath());
        return unauthorized("the bearer token is not valid: malformed, expired, wrongly signed or from another issuer",
                uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new ProblemException(403, "forbidden", "Forbidden",
                "the token's roles do not allow this operation", null), uri).build();
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        return respond(new ProblemException(401, "unauthorized", "Unauthorized", detail, null), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    private static Response.ResponseBuilder respond(ProblemException e, UriInfo uri) {
        Problem problem = e.toProblem(uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
