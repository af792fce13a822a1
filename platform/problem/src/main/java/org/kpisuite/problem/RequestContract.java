package org.kpisuite.problem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request body must say what it is: a body without a Content-Type, or JSON in a charset other than UTF-8
 * (RFC 8259), is a 415 problem before any of it is read. Which media types an endpoint takes is its own
 * {@code @Consumes}; the framework answers a 415 for any other, rendered by {@link ProblemMappers}.
 */
public class RequestContract {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter
    public void contentType(ContainerRequestContext request) {
        if (!WITH_BODY.contains(request.getMethod()) || !hasBody(request)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            throw unsupported("Content-Type", "is required for a request body (application/json, or text/csv where "
                    + "an endpoint takes CSV)");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw unsupported("Content-Type", "cannot read '" + header + "' as a media type");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (isJson(type) && charset != null && !charset.replace("\"", "").trim().equalsIgnoreCase(
                StandardCharsets.UTF_8.name())) {
            throw unsupported("charset", "JSON is read as UTF-8 only, not '" + charset + "'");
        }
    }

    /** 415 naming the header or parameter. */
    public static ProblemException unsupported(String field, String reason) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported Media Type", field + ": " + reason,
                List.of(new Problem.Violation(field, reason)));
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static boolean isJson(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("json") || subtype.endsWith("+json");
    }
}
