package org.kpisuite.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;
import java.util.Set;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Table-driven checks of who may call an endpoint: without a token 401, with a role the endpoint does not allow
 * 403 (both problem+json), with an allowed role anything but 401/403 and below 500 (the request itself may be
 * refused, e.g. 400 for an empty body: the point is that the caller got past the door and was answered; a 500
 * fails). Each service test lists its endpoints.
 */
public final class AccessRules {

    /** The department of the submitter tokens used here. */
    public static final String DEPARTMENT = "digital-talent";
    private static final String PROBLEM = "application/problem+json";

    private AccessRules() {
    }

    /** One endpoint: method, path (with placeholders filled in), an optional body and the roles allowed. */
    public record Endpoint(String method, String path, String contentType, String body, Set<String> allowed,
            boolean callAllowed) {

        public static Endpoint get(String path, String... allowed) {
            return new Endpoint("GET", path, null, null, Set.of(allowed), true);
        }

        /** A write with a JSON body (best one that changes nothing, e.g. "{}" answered by a 400). */
        public static Endpoint write(String method, String path, String json, String... allowed) {
            return new Endpoint(method, path, "application/json", json, Set.of(allowed), true);
        }

        public Endpoint withContentType(String type) {
            return new Endpoint(method, path, type, body, allowed, callAllowed);
        }

        /** Only the refusals are checked: a call with an allowed role would do real work (e.g. a rebuild). */
        public Endpoint refusalsOnly() {
            return new Endpoint(method, path, contentType, body, allowed, false);
        }

        @Override
        public String toString() {
            return method + " " + path + " " + allowed;
        }
    }

    /** 401 without a token, 403 for each role not allowed, past the door for each allowed one. */
    public static void assertAccess(Endpoint endpoint) {
        send(endpoint, Tokens.anonymous()).statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401)).body("type", equalTo("https://kpi-suite.org/problems/unauthorized"));
        for (String role : LocalTokens.ROLES) {
            if (endpoint.allowed().contains(role) && !endpoint.callAllowed()) {
                continue;
            }
            boolean departmental = LocalTokens.SUBMITTER.equals(role) || LocalTokens.APPROVER.equals(role);
            String token = Tokens.of(role, departmental ? DEPARTMENT : null);
            ValidatableResponse response = send(endpoint, Tokens.as(token));
            if (endpoint.allowed().contains(role)) {
                // Past the door, and answered: a 500 for an allowed role is a failure of the table, not a pass.
                response.statusCode(allOf(not(oneOf(401, 403)), lessThan(500)));
            } else {
                response.statusCode(403).contentType(PROBLEM).body("status", equalTo(403))
                        .body("type", equalTo("https://kpi-suite.org/problems/forbidden"));
            }
        }
    }

    /** Tokens that are not accepted at all: 401 problem+json whatever the endpoint. */
    public static void assertRefusesBadTokens(Endpoint endpoint) {
        for (String token : List.of(Tokens.expired(), Tokens.wrongIssuer(), Tokens.tampered(), Tokens.otherKey(),
                Tokens.malformed())) {
            send(endpoint, Tokens.as(token)).statusCode(401).contentType(PROBLEM)
                    .body("type", equalTo("https://kpi-suite.org/problems/unauthorized"));
        }
    }

    /** What came back for an oversized body: the status, the headers (lower-case names) and the body. */
    public record RawAnswer(int status, java.util.Map<String, String> headers, String body) {
    }

    /**
     * Announces a body of the given size as an administrator, the way curl sends a large one (Expect:
     * 100-continue), and sends it only if the service says to go on; returns the answer. A raw socket, because
     * the JDK's HttpClient (17) waits forever when the answer to an Expect: 100-continue is not 100.
     */
    public static RawAnswer sendOversized(String method, String path, int bytes) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.admin()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            RawAnswer answer = readAnswer(in);
            if (answer.status() == 100) {
                out.write(new byte[bytes]);
                out.flush();
                answer = readAnswer(in);
            }
            return answer;
        }
    }

    private static RawAnswer readAnswer(java.io.InputStream in) throws java.io.IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new RawAnswer(status, headers, new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static ValidatableResponse send(Endpoint endpoint, RequestSpecification who) {
        RequestSpecification request = given().spec(who);
        if (endpoint.body() != null) {
            request = request.contentType(endpoint.contentType()).body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path()).then();
    }
}
