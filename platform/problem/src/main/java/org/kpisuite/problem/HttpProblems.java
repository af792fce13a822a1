package org.kpisuite.problem;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors of the HTTP layer, below JAX-RS, as problem+json too. Netty's own limits (quarkus.http.limits.
 * max-initial-line-length, max-header-size) are set well above the service's (kpi.http.max-uri-length,
 * kpi.http.max-header-size), so that a request between the two reaches this handler and gets a 414 or 431 problem
 * instead of Netty's bare answer. An encoded NUL or bytes that are not UTF-8 in the URI are a 400 problem, a path
 * that no route serves a 404 problem, and a failure of Vert.x itself (e.g. a chunked body over the limit, 413) is
 * rendered here.
 *
 * <p>Two kinds of request never reach a route, so they keep a bare 400 (Quarkus 3.33, Vert.x 4.5):
 * <ul>
 * <li>A URI that {@code java.net.URI} cannot parse (a '%' without two hex digits, in the path or the query): Quarkus'
 * root request handler ({@code VertxHttpRecorder}'s {@code ACTUAL_ROOT}) checks it before the router and answers a
 * bodiless 400. The only switch, the JVM property {@code vertx.disableURIValidation}, is read once when that class
 * loads and is, in its authors' words, not for production: everything before the router would then see the
 * unchecked URI. {@link #malformedPercent} would name the part if one got through.</li>
 * <li>A request head Netty cannot decode (a Content-Length that is not a number): Vert.x hands it to the server's
 * invalid-request handler instead of the request handler, and Quarkus creates the server without setting one and
 * exposes neither the server nor that handler ({@code HttpServerOptionsCustomizer} sees only the options).</li>
 * </ul>
 */
@ApplicationScoped
public class HttpProblems {

    @ConfigProperty(name = "kpi.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "kpi.http.max-header-size", defaultValue = "16384")
    int maxHeaderSize;

    @Inject
    ObjectMapper mapper;

    private static final Map<Integer, String> SLUGS = Map.of(400, "bad-request", 404, "not-found",
            413, "body-too-large", 414, "uri-too-long", 431, "headers-too-large");

    void install(@Observes Router router) {
        router.route().order(-4).handler(this::check).failureHandler(this::failure);
        router.route().last().handler(rc -> send(rc, new ProblemException(404, "not-found", "Not found",
                "there is no resource at " + rc.request().path(), null), false));
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String uri = request.uri();
        if (uri.length() > maxUriLength) {
            send(rc, problem(414, "Request-URI", "has " + uri.length() + " characters; this service accepts at most "
                    + maxUriLength), true);
            return;
        }
        int headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderSize) {
            send(rc, problem(431, "headers", "have " + headerBytes + " bytes; this service accepts at most "
                    + maxHeaderSize), true);
            return;
        }
        int query = uri.indexOf('?');
        // A NUL that is well encoded in the path goes on to the parameter converters, which name the parameter
        // (a literal segment holding one matches no route: 404).
        String malformed = malformedPercent(query < 0 ? uri : uri.substring(0, query));
        if (malformed != null && malformed.equals(TextRules.violation("\u0000"))) {
            malformed = null;
        }
        String part = "path";
        if (malformed == null && query >= 0) {
            // Each parameter on its own, so that the problem names the one that is malformed.
            int fragment = uri.indexOf('#', query);
            Set<String> named = new HashSet<>();
            // The API's parameters; Prometheus' own filters (/q/metrics?name[]=a&name[]=b) repeat theirs.
            boolean api = request.path() != null && request.path().startsWith("/api/");
            for (String pair : uri.substring(query + 1, fragment < 0 ? uri.length() : fragment).split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                malformed = malformedPercent(name);
                part = "query";
                if (malformed != null) {
                    break;
                }
                String decoded = decodedName(name);
                if (equals >= 0) {
                    malformed = malformedPercent(pair.substring(equals + 1));
                    part = decoded;
                }
                if (malformed != null) {
                    break;
                }
                // Every parameter of the API takes one value, and JAX-RS would read the first of two silently
                // (?dryRun=false&dryRun=true stores for real).
                if (api && !decoded.isEmpty() && !named.add(decoded)) {
                    part = decoded;
                    malformed = "is given more than once; give it once";
                    break;
                }
            }
        }
        if (malformed != null) {
            send(rc, problem(400, part, malformed), false);
            return;
        }
        rc.next();
    }

    /** A query parameter's name as the resource knows it ('+' a space, %XX its byte), well-formed by then. */
    private static String decodedName(String name) {
        return java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
    }

    private void failure(RoutingContext rc) {
        int status = rc.statusCode();
        if (rc.response().headWritten() || !SLUGS.containsKey(status)) {
            rc.next();
            return;
        }
        String reason = switch (status) {
            case 413 -> "is larger than this service accepts";
            case 414 -> "is longer than this service accepts";
            case 431 -> "are larger than this service accepts";
            default -> rc.failure() == null ? "cannot be read" : String.valueOf(rc.failure().getMessage());
        };
        String field = switch (status) {
            case 413 -> "body";
            case 414 -> "Request-URI";
            case 431 -> "headers";
            default -> "request";
        };
        send(rc, problem(status, field, reason), status != 400);
    }

    private static ProblemException problem(int status, String field, String reason) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request Header Fields Too Large" : known.getReasonPhrase();
        return new ProblemException(status, SLUGS.get(status), title, field + ": " + reason,
                List.of(new Problem.Violation(field, reason)));
    }

    /**
     * Why the URI's percent-encoding is malformed (a % not followed by two hex digits, bytes that are not UTF-8, an
     * encoded NUL), or null: checked once here for every path and query parameter, before any resource sees it.
     */
    static String malformedPercent(String uri) {
        int end = uri.indexOf('#');
        String text = end < 0 ? uri : uri.substring(0, end);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    return "has a '%' at " + i + " that is not followed by two hexadecimal digits";
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return "decodes to bytes that are not UTF-8";
        }
        return TextRules.violation(decoded);
    }

    /** Answers the request with the problem; closes the connection after it when the request cannot go on. */
    public void send(RoutingContext rc, ProblemException e, boolean close) {
        Problem problem = e.toProblem(rc.request().path());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException(failure);
        }
        rc.response().setStatusCode(problem.status()).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            rc.response().putHeader(HttpHeaderNames.CONNECTION, "close")
                    .endHandler(v -> rc.request().connection().close());
        }
        rc.response().end(body);
    }
}
