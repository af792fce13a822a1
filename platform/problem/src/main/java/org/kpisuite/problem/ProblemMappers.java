package org.kpisuite.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns every failure of every endpoint into application/problem+json; nothing else writes error bodies. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The framework's words for an Accept header's quality value it could not read. */
    private static final java.util.regex.Pattern QUALITY_MESSAGE = java.util.regex.Pattern.compile(
            "quality value|\\bq must be|weighted", java.util.regex.Pattern.CASE_INSENSITIVE);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                // A value checked twice (a path's year and the body's) fails both checks with the same words.
                .distinct()
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri),
                violations));
    }

    // Quarkus maps MismatchedInputException itself; a mapper for the exact type takes precedence over it.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String duplicate = StrictJson.duplicateKey(e);
        String unparsable = duplicate == null ? StrictJson.unparsableAt(e) : null;
        String limit = StrictJson.limitExceeded(e);
        String missing = StrictJson.missingKey(e);
        String field = duplicate != null ? duplicate : unparsable != null ? unparsable
                : missing != null ? withKey(pathOf((JsonMappingException) e), missing)
                : e instanceof JsonMappingException m ? pathOf(m) : "";
        String reason = duplicate != null ? "is given more than once"
                : missing != null ? "is required (null where that is meant)"
                : e instanceof StrictJson.RefusedValueException refusedValue ? refusedValue.reason()
                : e instanceof StrictJson.MalformedUtf8Exception utf8 ? utf8.getOriginalMessage()
                : unparsable != null ? "is not valid JSON"
                : limit != null ? limit
                : e instanceof InvalidFormatException f
                ? "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName()
                : e instanceof JsonMappingException ? "has the wrong type or shape" : "is not valid JSON";
        if (field.isEmpty()) {
            field = "body";
        }
        return respond(new Problem(Problem.TYPE_BASE + "bad-request", "Malformed request", 400,
                field + ": " + reason, path(uri), List.of(new Problem.Violation(field, reason))));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        // A body that is not JSON at all reaches us wrapped in a 400.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        // A parameter that did not convert (ParamConverters): its problem names the parameter.
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 406) {
            return problem(ProblemException.notAcceptable(headers.getHeaderString(HttpHeaders.ACCEPT),
                    "the media types " + path(uri) + " answers in"), uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (status == 405 && allow == null && uri != null && !AllowedMethods.at(path(uri)).isEmpty()) {
            allow = String.join(", ", AllowedMethods.at(path(uri)));
        }
        String detail = switch (status) {
            case 404 -> "there is no resource at " + path(uri);
            case 405 -> request.getMethod() + " is not allowed on " + path(uri)
                    + (allow == null ? "" : "; allowed: " + allow);
            case 415 -> "Content-Type '" + headers.getHeaderString(HttpHeaders.CONTENT_TYPE) + "' is not accepted by "
                    + request.getMethod() + " " + path(uri);
            default -> e.getMessage();
        };
        // The framework reads the Accept headers' quality values, and does not say which header it could not read
        // (its messages differ by header: "quality value", "weighted language q must be a float", ...).
        if (status == 400 && e.getMessage() != null && QUALITY_MESSAGE.matcher(e.getMessage()).find()) {
            Problem.Violation bad = QualityValues.firstMalformed(headers);
            if (bad != null) {
                return problem(ProblemException.badRequest(bad.field(), bad.reason()), uri);
            }
        }
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + "http-" + status, title, status, detail, path(uri), null));
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseUnavailable.causes(e)) {
            // The database restarting or unreachable: the client may send the same request again (a POST that
            // changes nothing the second time answers 200), so say when instead of failing with a 500.
            LOG.warnf("database unavailable on %s: %s", path(uri), DatabaseUnavailable.describe(e));
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .entity(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                            "the database cannot be reached at the moment; nothing is lost, send the request again in "
                                    + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s",
                            path(uri), null))
                    .build();
        }
        if (clientGone(e)) {
            // The client closed or reset the connection while its body was being read (it gave up, or was cut off):
            // nothing was stored and nobody is left to answer. Its fault, not a 500 of the service.
            LOG.debugf("the client closed the connection on %s before its body was read", path(uri));
            return respond(ProblemException.badRequest("body", "the connection closed before the body was complete")
                    .toProblem(path(uri)));
        }
        LOG.error("unexpected failure on " + path(uri), e);
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "the request could not be completed; it has been logged", path(uri), null));
    }

    /** Whether the failure is the client's connection closing under a read (Vert.x's HttpClosedException). */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /**
     * "create.request.targets[0].fiscalYear" (method, parameter, then the bean path) becomes
     * "targets[0].fiscalYear"; a query or path parameter keeps its own name.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        if (nodes.size() <= 2) {
            return nodes.get(nodes.size() - 1).getName();
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes.subList(2, nodes.size())) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    /** The path to a key, whether databind's path ends with it or stops at the object around it. */
    private static String withKey(String path, String key) {
        return path.equals(key) || path.endsWith("." + key) ? path : path.isEmpty() ? key : path + "." + key;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
