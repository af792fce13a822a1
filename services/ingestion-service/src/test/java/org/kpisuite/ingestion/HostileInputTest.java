package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Openness;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.Problems;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Bad bodies, JSON and CSV alike, get a 4xx problem naming what was wrong, never a 500, and store nothing: the
 * indicator keeps the one value it was published with (2015-04).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class HostileInputTest extends OwnIndicatorTests {

    private static final String HEADER = "indicatorCode,department,month,value,note,breakdown\r\n";

    /** A single value whose JSON breaks a rule: the body template (%s = the code), the field the problem names. */
    static Stream<Arguments> badJson() {
        String ok = "\"indicatorCode\":\"%s\",\"department\":\"digital-talent\",\"month\":\"2024-05\"";
        return Stream.of(
                Arguments.of("NUL in note", "{" + ok + ",\"value\":1,\"note\":\"a\\u0000b\"}", "note"),
                Arguments.of("NUL in reason", "{" + ok + ",\"value\":1,\"reason\":\"\\u0000\"}", "reason"),
                Arguments.of("NUL in breakdown", "{" + ok + ",\"value\":1,\"breakdown\":\"x\\u0000\"}", "breakdown"),
                Arguments.of("NUL in component", "{" + ok + ",\"value\":1,\"component\":\"\\u0000\"}", "component"),
                Arguments.of("NUL in department", "{\"indicatorCode\":\"%s\",\"department\":\"d\\u0000\","
                        + "\"month\":\"2024-05\",\"value\":1}", "department"),
                Arguments.of("lone high surrogate", "{" + ok + ",\"value\":1,\"note\":\"\\ud800\"}", "note"),
                Arguments.of("lone low surrogate", "{" + ok + ",\"value\":1,\"note\":\"x\\udc00y\"}", "note"),
                Arguments.of("a second document", "{" + ok + ",\"value\":1}{" + ok + ",\"value\":2}", "body"),
                Arguments.of("trailing garbage", "{" + ok + ",\"value\":1} x", "body"),
                Arguments.of("trailing array", "{" + ok + ",\"value\":1}[]", "body"),
                Arguments.of("value 9e18", "{" + ok + ",\"value\":9e18}", "value"),
                Arguments.of("value 1e400", "{" + ok + ",\"value\":1e400}", "value"),
                Arguments.of("value 19 digits", "{" + ok + ",\"value\":1234567890123456789}", "value"),
                Arguments.of("value 7 decimals", "{" + ok + ",\"value\":0.1234567}", "value"),
                Arguments.of("value as boolean", "{" + ok + ",\"value\":true}", "value"),
                Arguments.of("a 2,000-digit value", "{" + ok + ",\"value\":" + "9".repeat(2000) + "}", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJson")
    void badJsonIsA400NamingTheFieldAndStoresNothing(String name, String template, String field) {
        Problems.expect(send().contentType("application/json").body(template.replace("%s", code))
                .post("/api/v1/measurements").then(), 400, field);
        assertNothingStored();
    }

    /** Bytes that are not well-formed UTF-8 inside a JSON string: overlong forms, encoded surrogates, stray bytes. */
    static Stream<Arguments> malformedUtf8() {
        return Stream.of(
                Arguments.of("overlong '/'", new byte[] { (byte) 0xC0, (byte) 0xAF }),
                Arguments.of("overlong 3-byte '/'", new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF }),
                Arguments.of("overlong 4-byte", new byte[] { (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF }),
                Arguments.of("encoded surrogate", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }),
                Arguments.of("stray continuation", new byte[] { (byte) 0x80 }),
                Arguments.of("invalid byte", new byte[] { (byte) 0xFF }),
                Arguments.of("beyond U+10FFFF", new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUtf8")
    void malformedUtf8IsRefused(String name, byte[] bytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"indicatorCode\":\"" + code + "\",\"department\":\"digital-talent\",\"month\":\"2024-05\","
                + "\"value\":1,\"note\":\"a").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        Problems.expect(send().contentType("application/json").body(body.toByteArray()).post("/api/v1/measurements")
                .then(), 400, "body").body("detail", containsString("UTF-8"));
        assertNothingStored();
    }

    /** A batch whose mode or flag is not what it claims to be. */
    static Stream<Arguments> badBatch() {
        return Stream.of(
                Arguments.of("mode as a number", "{\"mode\":1,\"dryRun\":false,\"rows\":[%s]}", "mode"),
                Arguments.of("mode unknown", "{\"mode\":\"SOME\",\"dryRun\":false,\"rows\":[%s]}", "mode"),
                Arguments.of("dryRun 2", "{\"mode\":\"ATOMIC\",\"dryRun\":2,\"rows\":[%s]}", "dryRun"),
                Arguments.of("dryRun 0", "{\"mode\":\"ATOMIC\",\"dryRun\":0,\"rows\":[%s]}", "dryRun"),
                Arguments.of("dryRun 1.5", "{\"mode\":\"ATOMIC\",\"dryRun\":1.5,\"rows\":[%s]}", "dryRun"),
                Arguments.of("NUL in a row", "{\"rows\":[%s,{\"indicatorCode\":\"x\\u0000\"}]}",
                        "rows[1].indicatorCode"),
                Arguments.of("a second batch", "{\"rows\":[%s]}{\"rows\":[]}", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatch")
    void badBatchIsA400NamingTheFieldAndStoresNothing(String name, String template, String field) {
        String row = BatchIndicators.row(code, null, "2024-05", "1", null);
        Problems.expect(send().contentType("application/json").body(template.replace("%s", row))
                .post("/api/v1/measurements/batch").then(), 400, field);
        assertNothingStored();
    }

    /** CSV cells that cannot be stored: the problem names the column, nothing of the batch is stored. */
    static Stream<Arguments> badCsvCells() {
        return Stream.of(
                Arguments.of("NUL in note", "%s,digital-talent,2024-05,1,a\u0000b,", "note"),
                Arguments.of("NUL in code", "%s\u0000,digital-talent,2024-05,1,,", "indicatorCode"),
                Arguments.of("NUL in breakdown", "%s,digital-talent,2024-05,1,,\u0000", "breakdown"),
                Arguments.of("NUL in quoted note", "%s,digital-talent,2024-05,1,\"x,\u0000\",", "note"),
                Arguments.of("NUL in value", "%s,digital-talent,2024-05,1\u0000,,", "value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvCells")
    void badCsvCellsAreA400NamingTheColumn(String name, String line, String field) {
        String csv = HEADER + code + ",digital-talent,2024-06,2,,\r\n" + line.formatted(code) + "\r\n";
        Problems.expect(postCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", ""), 400, field)
                .body("violations[0].reason", containsString("row 2"));
        assertNothingStored();
    }

    /** Values no numeric column holds, refused per row in CSV as in JSON; huge ones in linear time. */
    static Stream<Arguments> badCsvNumbers() {
        return Stream.of(
                Arguments.of("9e18", "9e18"),
                Arguments.of("1e400", "1e400"),
                Arguments.of("19 digits", "1234567890123456789"),
                Arguments.of("7 decimals", "0.1234567"),
                Arguments.of("400,000 digits", "9".repeat(400_000)),
                Arguments.of("1 MB of digits", "1".repeat(1_000_000)),
                Arguments.of("1 MB exponent", "1e" + "9".repeat(1_000_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvNumbers")
    void csvNumbersBeyondTheColumnAreRejectedFast(String name, String value) {
        String csv = HEADER + code + ",digital-talent,2024-06,2,,\r\n" + code + ",digital-talent,2024-07," + value
                + ",,\r\n";
        long start = System.nanoTime();
        Problems.expect(postCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv", ""), 422, null)
                .body("rejected", equalTo(1)).body("rejections[0].row", equalTo(2))
                .body("rejections[0].field", equalTo("value"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertNothingStored();
    }

    /**
     * A FREE breakdown is stored in its standard form (NFKC), which can be far longer than what was sent: U+FDFA is
     * one character and 18 once normalised. 100 of them pass the 128 characters of the request, not the column.
     */
    @Test
    void aFreeBreakdownLongerThanTheColumnOnceNormalisedIsRefused() {
        String free = Codes.unique("hostile-free");
        KnownIndicator.publish(new IndicatorEvent(free, "団体数", "bodies", "bodies", BatchIndicators.DEPARTMENT,
                UUID.randomUUID(), false, false, Aggregation.SUM, List.of(),
                new Breakdown("body", "団体", "body", List.of(), Openness.FREE), false, 2015, null,
                List.of(new Target(2024, Comparator.AT_LEAST, BigDecimal.ONE)), false, 1, Instant.now()),
                BatchIndicators.row(free, "b0", "2015-04", "1", null));
        String expanding = "\ufdfa".repeat(100);

        Problems.expect(send().contentType("application/json").body(BatchIndicators.row(free, expanding, "2024-05", "1",
                null)).post("/api/v1/measurements").then(), 400, "breakdown");
        Problems.expect(send().contentType("application/json").body(BatchIndicators.batch("ATOMIC", false,
                List.of(BatchIndicators.row(free, "b1", "2024-05", "1", null),
                        BatchIndicators.row(free, expanding, "2024-06", "1", null))))
                .post("/api/v1/measurements/batch").then(), 422, null)
                .body("rejections[0].row", equalTo(2)).body("rejections[0].field", equalTo("breakdown"));
        String csv = HEADER + free + ",digital-talent,2024-05,1,,b1\r\n" + free + ",digital-talent,2024-06,1,,"
                + expanding + "\r\n";
        Problems.expect(postCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv", ""), 422, null)
                .body("rejections[0].row", equalTo(2)).body("rejections[0].field", equalTo("breakdown"));
        given().queryParam("indicatorCode", free).get("/api/v1/measurements").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].month", equalTo("2015-04"));
    }

    /** Bodies whose Content-Type or charset the endpoint cannot read: 415, before any of it is read. */
    static Stream<Arguments> unsupportedMediaTypes() {
        return Stream.of(
                Arguments.of("/api/v1/measurements", null, "Content-Type"),
                Arguments.of("/api/v1/measurements", "application/json; charset=ISO-8859-1", "charset"),
                Arguments.of("/api/v1/measurements", "application/json; charset=UTF-16", "charset"),
                Arguments.of("/api/v1/measurements", "text/plain", null),
                Arguments.of("/api/v1/measurements", "application/xml", null),
                Arguments.of("/api/v1/measurements/batch", null, "Content-Type"),
                Arguments.of("/api/v1/measurements/batch", "text/csv; charset=klingon", "charset"),
                Arguments.of("/api/v1/periods/close", "application/octet-stream", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unsupportedMediaTypes")
    void unsupportedContentTypeIs415(String path, String contentType, String field) throws Exception {
        String body = path.endsWith("batch") && contentType != null
                ? HEADER + code + ",digital-talent,2024-06,2,,\r\n"
                : BatchIndicators.row(code, null, "2024-06", "2", null);
        // java.net.http sends no Content-Type unless told; RestAssured always sends one.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header(Tokens.AUTHORIZATION, "Bearer " + Tokens.admin())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        JsonNode problem = SuiteEvents.read(answer.body(), JsonNode.class);
        assertThat(problem.path("status").asInt()).isEqualTo(415);
        if (field != null) {
            assertThat(problem.path("violations").path(0).path("field").asText()).isEqualTo(field);
        }
        assertNothingStored();
    }

    @Test
    void csvBytesThatAreNoCharsetAtAllAreA400() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((HEADER + code + ",digital-talent,2024-06,2,").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] { (byte) 0x81, (byte) 0x20, (byte) 0xFF }); // neither UTF-8 nor windows-31j
        body.writeBytes(",\r\n".getBytes(StandardCharsets.UTF_8));
        Problems.expect(postCsv(body.toByteArray(), "text/csv", ""), 400, "body");
        Problems.expect(postCsv(body.toByteArray(), "text/csv; charset=UTF-8", ""), 400, "body");
        assertNothingStored();
    }

    /** Months outside the fiscal years the suite holds, and indicators that do not exist, in period closing. */
    static Stream<Arguments> badClosures() {
        return Stream.of(
                Arguments.of("{\"month\":\"0000-01\"}", 400, "month"),
                Arguments.of("{\"month\":\"9999-12\"}", 400, "month"),
                Arguments.of("{\"month\":\"1999-12\"}", 400, "month"),
                Arguments.of("{\"month\":\"2024-13\"}", 400, "month"),
                Arguments.of("{\"month\":\"2024-05\",\"department\":\"a\\u0000\"}", 400, "department"),
                Arguments.of("{\"month\":\"2024-05\",\"indicatorCode\":\"no-such-indicator\"}", 404, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClosures")
    void badClosuresAreRefusedAndCloseNothing(String body, int status, String field) {
        Problems.expect(send().contentType("application/json").body(body).post("/api/v1/periods/close").then(),
                status, field);
        given().get("/api/v1/periods").then().statusCode(200)
                .body("findAll { it.indicatorCode == 'no-such-indicator' }.size()", equalTo(0))
                .body("findAll { it.month == '0000-01' || it.month == '9999-12' }.size()", equalTo(0));
    }

    private ValidatableResponse postCsv(byte[] body, String contentType, String query) {
        return send().contentType(contentType).body(body).post("/api/v1/measurements/batch" + query).then();
    }

    /** A request with exactly the Content-Type given (RestAssured would add a charset to a text type). */
    private static RequestSpecification send() {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private void assertNothingStored() {
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].month", equalTo("2015-04"));
    }
}
