package org.kpisuite.reporting.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

/**
 * The headers every export answer carries: a strong ETag of the content, Cache-Control: no-cache, Vary: Accept,
 * and when more rows follow a Link rel="next" and an X-Next-Cursor. A matching If-None-Match gives 304.
 */
final class ExportResponses {

    static final String NEXT_CURSOR = "X-Next-Cursor";

    private ExportResponses() {
    }

    /**
     * @param body       the exact bytes of the 200 answer
     * @param nextCursor the cursor of the next page, or null on the last page
     * @param pin        query parameters to set on the next link (e.g. the asOf the first page defaulted to)
     */
    static Response respond(ExportFormat format, byte[] body, String nextCursor, Map<String, String> pin,
            String fileName, UriInfo uri, Request request) {
        EntityTag etag = new EntityTag(etag(body, nextCursor));
        Response.ResponseBuilder unchanged = notModified(request, etag);
        boolean notModified = unchanged != null;
        Response.ResponseBuilder answer = notModified ? unchanged : Response.ok(body, format.contentType);
        answer.tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (nextCursor != null) {
            UriBuilder next = uri.getRequestUriBuilder();
            pin.forEach(next::replaceQueryParam);
            answer.link(next.replaceQueryParam("cursor", nextCursor).build(), "next")
                    .header(NEXT_CURSOR, nextCursor);
        }
        if (!notModified && format == ExportFormat.CSV) {
            answer.header("Content-Disposition", "inline; filename=\"" + fileName + ".csv\"");
        }
        return answer.build();
    }

    /**
     * SHA-256 of the body and the next cursor (which a CSV body does not show), base64url: any change of the
     * rows, of their order or of the paging gives another tag, and JSON, CSV and CSV with BOM differ.
     */
    static String etag(byte[] body, String nextCursor) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(body);
            sha.update((byte) 0);
            sha.update((nextCursor == null ? "" : nextCursor).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The 304 when If-None-Match names this tag. RFC 9110 compares If-None-Match weakly (W/"x" matches "x");
     * RESTEasy Reactive's evaluatePreconditions compares strongly, so the weak form of the tag is asked too.
     */
    private static Response.ResponseBuilder notModified(Request request, EntityTag etag) {
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        return unchanged != null ? unchanged : request.evaluatePreconditions(new EntityTag(etag.getValue(), true));
    }
}
