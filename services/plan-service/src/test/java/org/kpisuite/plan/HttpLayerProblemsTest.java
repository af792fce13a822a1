package org.kpisuite.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What the HTTP layer refuses, below JAX-RS, is problem+json too: sent as raw bytes, since an HTTP client library
 * would not send most of these requests at all.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class HttpLayerProblemsTest {

    /** A request head (without the final CRLF), a body, the status and the field the problem names. */
    static Stream<Arguments> refused() {
        String auth = "Authorization: Bearer " + Tokens.admin() + "\r\n";
        String plan = "{\"code\":\"p\",\"agency\":\"IPA\",\"fiscalYear\":2024,\"name\":\"x\"}";
        return Stream.of(
                Arguments.of("URI over the limit", "GET /api/v1/plans?agency=" + "a".repeat(5000) + " HTTP/1.1\r\n" + auth,
                        null, 414, "Request-URI"),
                Arguments.of("headers over the limit", "GET /api/v1/plans HTTP/1.1\r\n" + auth + "X-Big: "
                        + "b".repeat(20_000) + "\r\n", null, 431, "headers"),
                Arguments.of("many headers over the limit", "GET /api/v1/plans HTTP/1.1\r\n" + auth
                        + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(500), null, 431, "headers"),
                Arguments.of("encoded NUL in the path", "GET /api/v1/plans/a%00b HTTP/1.1\r\n" + auth, null, 400, "code"),
                Arguments.of("encoded NUL in the query", "GET /api/v1/plans?agency=%00 HTTP/1.1\r\n" + auth, null, 400,
                        "agency"),
                Arguments.of("a parameter given twice", "GET /api/v1/plans?agency=IPA&agency=X HTTP/1.1\r\n" + auth, null,
                        400, "agency"),
                Arguments.of("a parameter given twice, once encoded", "GET /api/v1/plans?agency=IPA&%61gency=X HTTP/1.1\r\n"
                        + auth, null, 400, "agency"),
                Arguments.of("overlong UTF-8 in the path", "GET /api/v1/plans/%C0%AF HTTP/1.1\r\n" + auth, null, 400,
                        "path"),
                Arguments.of("declared body over the limit", "POST /api/v1/plans HTTP/1.1\r\n" + auth
                        + "Content-Type: application/json\r\nContent-Length: 2000000\r\n", "", 413, "body"),
                Arguments.of("chunked body over the limit", "POST /api/v1/plans HTTP/1.1\r\n" + auth
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "CHUNKED", 413, "body"),
                Arguments.of("no such resource", "GET /api/v1/nothing-here HTTP/1.1\r\n" + auth, null, 404, null),
                Arguments.of("no such resource outside the API", "GET /nothing/here.txt HTTP/1.1\r\n", null, 404,
                        null),
                Arguments.of("method not allowed", "PUT /api/v1/plans HTTP/1.1\r\n" + auth
                        + "Content-Type: application/json\r\nContent-Length: " + plan.length() + "\r\n", plan, 405,
                        null),
                Arguments.of("DELETE not allowed", "DELETE /api/v1/plans HTTP/1.1\r\n" + auth, null, 405, null));
    }

    /**
     * What never reaches a route (see HttpProblems): a URI that java.net.URI cannot parse, refused by Quarkus' root
     * handler, and a request head Netty cannot decode, refused by Vert.x's default invalid-request handler, which
     * Quarkus gives no way to replace. These get a bare 400 and a closed connection; never a 500, never served.
     */
    static Stream<Arguments> refusedByNetty() {
        String auth = "Authorization: Bearer " + Tokens.admin() + "\r\n";
        String plan = "{}";
        return Stream.of(
                Arguments.of("% without hex digits", "GET /api/v1/plans/%zz HTTP/1.1\r\n" + auth, null, 400, "path"),
                Arguments.of("% at the end", "GET /api/v1/plans/x% HTTP/1.1\r\n" + auth, null, 400, "path"),
                Arguments.of("% in the query", "GET /api/v1/plans?agency=%G1 HTTP/1.1\r\n" + auth, null, 400, "query"),
                Arguments.of("Content-Length not a number", "POST /api/v1/plans HTTP/1.1\r\n" + auth
                        + "Content-Type: application/json\r\nContent-Length: abc\r\n", plan, 400, "Content-Length"),
                Arguments.of("Content-Length negative", "POST /api/v1/plans HTTP/1.1\r\n" + auth
                        + "Content-Type: application/json\r\nContent-Length: -1\r\n", plan, 400, "Content-Length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByNetty")
    void malformedRequestLinesAreA400(String name, String head, String body, int status, String field)
            throws Exception {
        Answer answer = send(head, body);
        assertThat(answer.status).as("%s", answer).isEqualTo(400);
        assertThat(answer.headers.get("connection")).isEqualTo("close");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedRequestsGetAProblem(String name, String head, String body, int status, String field) throws Exception {
        Answer answer = send(head, body);
        assertThat(answer.status).as("%s", answer).isEqualTo(status);
        assertThat(answer.headers.get("content-type")).as("%s", answer).isEqualTo("application/problem+json");
        JsonNode problem = SuiteEvents.read(answer.body, JsonNode.class);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank().doesNotStartWith("HTTP ");
        if (field != null) {
            assertThat(problem.path("violations").path(0).path("field").asText()).isEqualTo(field);
        }
        if (status == 404) {
            assertThat(problem.path("detail").asText()).contains("/nothing");
        }
        if (status == 405) {
            assertThat(answer.headers.get("allow")).contains("GET").contains("POST");
            assertThat(problem.path("detail").asText()).contains("allowed").contains("GET");
        }
    }

    /**
     * Where a Location's host comes from, by who sends the request: forwarded headers count only from the trusted
     * proxy (127.0.0.3 in the test configuration); from anyone else, the Host and forwarded headers are ignored and
     * the Location is a path, even when the client claims to be trusted itself.
     */
    static Stream<Arguments> locations() {
        String https = "https://kpi.example.org";
        String xForwarded = "X-Forwarded-Proto: https\r\nX-Forwarded-Host: kpi.example.org\r\n";
        String forwarded = "Forwarded: proto=https;host=kpi.example.org\r\n";
        return Stream.of(
                Arguments.of("a client's Host", "127.0.0.1", "Host: evil.example\r\n", ""),
                Arguments.of("a client's X-Forwarded-Host", "127.0.0.1", "Host: localhost\r\nX-Forwarded-Host: "
                        + "evil.example\r\n", ""),
                Arguments.of("a client's Forwarded", "127.0.0.1", "Host: localhost\r\nForwarded: host=evil.example\r\n", ""),
                Arguments.of("an untrusted proxy's X-Forwarded-*", "127.0.0.2", "Host: localhost\r\n" + xForwarded, ""),
                Arguments.of("an untrusted proxy's Forwarded", "127.0.0.2", "Host: localhost\r\n" + forwarded, ""),
                Arguments.of("an untrusted proxy claiming trust", "127.0.0.2", "Host: evil.example\r\n" + xForwarded
                        + "X-Forwarded-Trusted-Proxy: true\r\n", ""),
                Arguments.of("the trusted proxy's X-Forwarded-*", "127.0.0.3", "Host: localhost\r\n" + xForwarded, https),
                Arguments.of("the trusted proxy's Forwarded", "127.0.0.3", "Host: localhost\r\n" + forwarded, https));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locations")
    void theLocationsHostComesOnlyFromATrustedProxy(String name, String from, String hostHeaders, String origin)
            throws Exception {
        String code = Codes.unique("host");
        String plan = """
                {"code":"%s","agency":"IPA","fiscalYear":2024,"midTermPeriod":"5th (FY2023–FY2027)",
                 "midTermFirstYear":2023,"midTermLastYear":2027,"nameJa":"計画","nameEn":"plan"}""".formatted(code);
        Answer answer = sendRaw(InetAddress.getByName(from), ("POST /api/v1/plans HTTP/1.1\r\n" + hostHeaders
                + "Authorization: Bearer " + Tokens.admin() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + plan.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + plan)
                .getBytes(StandardCharsets.UTF_8), null);
        assertThat(answer.status).as(answer.body).isEqualTo(201);
        assertThat(answer.headers.get("location")).isEqualTo(origin + "/api/v1/plans/" + code);
    }

    @org.junit.jupiter.api.Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        String code = Codes.unique("chunked");
        String plan = """
                {"code":"%s","agency":"IPA","fiscalYear":2024,"midTermPeriod":"5th (FY2023–FY2027)",
                 "midTermFirstYear":2023,"midTermLastYear":2027,"nameJa":"計画","nameEn":"plan"}""".formatted(code);
        byte[] bytes = plan.getBytes(StandardCharsets.UTF_8);
        Answer answer = sendRaw(("POST /api/v1/plans HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Tokens.admin() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), out -> {
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(answer.status).as("%s", answer).isEqualTo(201);
    }

    private Answer send(String head, String body) throws IOException {
        String hostAndClose = "Host: localhost\r\nConnection: close\r\n";
        if ("CHUNKED".equals(body)) {
            return sendRaw((head + hostAndClose + "\r\n").getBytes(StandardCharsets.UTF_8), out -> {
                out.write("b\r\n{\"nameJa\":\"\r\n".getBytes(StandardCharsets.US_ASCII)); // JSON, so reading goes on
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 40; i++) { // 2.6 MB in 64 KB chunks, no length announced
                    out.write(chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            });
        }
        return sendRaw((head + hostAndClose + "\r\n" + (body == null ? "" : body)).getBytes(StandardCharsets.UTF_8),
                null);
    }

    interface Writes {
        void to(OutputStream out) throws IOException;
    }

    private static Answer sendRaw(byte[] request, Writes more) throws IOException {
        return sendRaw(InetAddress.getLoopbackAddress(), request, more);
    }

    /** From a loopback address of our choosing: 127.0.0.2 and 127.0.0.3 stand for two proxies. */
    private static Answer sendRaw(InetAddress from, byte[] request, Writes more) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port, from, 0)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                if (more != null) {
                    more.to(out);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before it has read all we send: its answer is what counts.
            }
            return Answer.read(socket.getInputStream());
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    all.write(buffer, 0, n);
                    if (complete(all.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (IOException reset) {
                // a reset after the answer
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }

        private static boolean complete(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String head = text.substring(0, end).toLowerCase(Locale.ROOT);
            int at = head.indexOf("content-length:");
            if (at < 0) {
                return false;
            }
            int length = Integer.parseInt(head.substring(at + 15).split("\r\n")[0].trim());
            return text.substring(end + 4).getBytes(StandardCharsets.UTF_8).length >= length;
        }
    }
}
