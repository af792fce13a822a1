package org.kpisuite.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every HTTP call of the benchmark goes through here, so that an {@code Authorization} header (a bearer token
 * once the services require one) is added in one place: pass a supplier to the constructor.
 */
public final class SuiteClient {

    /** One answer: its status and body. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json(ObjectMapper mapper) {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final Supplier<Optional<String>> authorization;

    public SuiteClient(Supplier<Optional<String>> authorization) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.authorization = authorization;
    }

    /** Every call carries this bearer token. */
    public static SuiteClient withToken(String token) {
        return new SuiteClient(() -> Optional.of("Bearer " + token));
    }

    public Answer get(String url) {
        return send(request(url).GET());
    }

    /** A plain-text resource, e.g. the Prometheus metrics of {@code /q/metrics}. */
    public Answer getText(String url) {
        return send(request(url).setHeader("Accept", "text/plain").GET());
    }

    public Answer post(String url, String json) {
        return send(request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String url, String json) {
        return send(request(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        authorization.get().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }
}
