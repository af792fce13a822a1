package org.kpisuite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

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

    /**
     * The JDK's blocking {@link HttpURLConnection}, not its {@code java.net.http.HttpClient}: the load generator shares
     * the suite's two cores, and during the 500 values/s stream the HttpClient's selector thread, executor hops and
     * futures took about half a core for 500 requests/s. A blocking exchange on the caller's thread costs a fraction
     * of that. Connections are kept alive, up to one per load thread (the JDK keeps 5 per host by default), and a
     * POST is never sent twice by the JDK itself: a broken exchange surfaces here, and the caller decides.
     */
    static {
        System.setProperty("http.keepAlive", "true");
        System.setProperty("http.maxConnections", "256");
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final Supplier<Optional<String>> authorization;

    public SuiteClient(Supplier<Optional<String>> authorization) {
        this.authorization = authorization;
    }

    /** Every call carries this bearer token. */
    public static SuiteClient withToken(String token) {
        return new SuiteClient(() -> Optional.of("Bearer " + token));
    }

    public Answer get(String url) {
        return send("GET", url, "application/json", null);
    }

    /** A plain-text resource, e.g. the Prometheus metrics of {@code /q/metrics}. */
    public Answer getText(String url) {
        return send("GET", url, "text/plain", null);
    }

    public Answer post(String url, String json) {
        return send("POST", url, "application/json", json);
    }

    public Answer put(String url, String json) {
        return send("PUT", url, "application/json", json);
    }

    private Answer send(String method, String url, String accept, String json) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false); // as before: an answer is what the service said
            connection.setRequestProperty("Accept", accept);
            // As a browser's dashboard asks: a service may answer gzipped (reporting's progress list does).
            connection.setRequestProperty("Accept-Encoding", "gzip");
            authorization.get().ifPresent(value -> connection.setRequestProperty("Authorization", value));
            if (json != null) {
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            // Read to the end and closed, the connection goes back to the keep-alive cache.
            try (InputStream raw = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (raw == null) {
                    return new Answer(status, "");
                }
                InputStream in = "gzip".equalsIgnoreCase(connection.getContentEncoding()) ? new GZIPInputStream(raw) : raw;
                return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        }
    }
}
