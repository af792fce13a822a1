package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Submissions whose client never learned the outcome, and their reconciliation. Each is sent over a socket of its
 * own and abandoned: the connection reset (RST) as soon as the request is written, closed after a short client-side
 * timeout, or reset once the answer has begun to arrive, unread (lost on its way back). The client then does what a
 * client should: it sends the same submission again until it gets an answer. The value must then be present exactly
 * once: stored by the abandoned request, the resend answers 200 UNCHANGED with revision 1; not stored, the resend
 * stores it (201 CREATED, revision 1). A second revision, or a CORRECTED, would mean it was stored twice.
 */
final class Unanswered {

    /** How the client gives up. */
    enum GiveUp {
        /** SO_LINGER 0 and close right after writing the request: the server sees a reset. */
        RESET,
        /** Waits a moment for an answer that it then ignores, and closes: a client-side timeout. */
        TIMEOUT,
        /** Waits until the answer begins to arrive, then resets without reading it: the service did its part. */
        ANSWER_LOST
    }

    private static final int CLIENT_TIMEOUT_MILLIS = 5;
    private static final int ANSWER_WAIT_MILLIS = 30_000;

    private final String ingestionUrl;
    private final String token;
    private final String code;
    private final List<String> abandoned = new ArrayList<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int next;

    Unanswered(String ingestionUrl, String token, String code) {
        this.ingestionUrl = ingestionUrl;
        this.token = token;
        this.code = code;
    }

    /** Sends {@code count} new values (one key each) and gives up on every one of them. */
    void abandon(int count, GiveUp how) {
        for (int i = 0; i < count; i++) {
            int n = next++;
            String body = FaultChecks.submission(code, ValueStream.SITES.get(n % ValueStream.SITES.size()),
                    FaultChecks.DEPARTMENT, YearMonth.of(2001, 4).plusMonths(n / ValueStream.SITES.size()).toString(),
                    BigDecimal.valueOf(7_000 + n), null);
            abandoned.add(body);
            try {
                send(body, how);
            } catch (IOException e) {
                // The connection failed or was cut: the client has no answer, which is the point.
            }
        }
    }

    private void send(String body, GiveUp how) throws IOException {
        URI url = URI.create(ingestionUrl);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/measurements HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n";
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            if (how == GiveUp.RESET) {
                socket.setSoLinger(true, 0);
                return;
            }
            InputStream in = socket.getInputStream();
            if (how == GiveUp.ANSWER_LOST) {
                socket.setSoTimeout(ANSWER_WAIT_MILLIS);
                in.read(); // the first byte of the answer, which is all the client ever sees of it
                socket.setSoLinger(true, 0);
                return;
            }
            socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            try {
                while (in.read() >= 0) {
                    // whatever came in time is thrown away unread
                }
            } catch (SocketTimeoutException e) {
                // the client's patience ran out
            }
        }
    }

    /**
     * Sends every abandoned submission again until ingestion answers (a 503 while it cannot is retried) and
     * checks that each is present once. Returns what the client was told, for the exactly-once checks.
     */
    List<ValueStream.Accepted> reconcile(Duration timeout) {
        List<ValueStream.Accepted> accepted = new ArrayList<>();
        for (String body : abandoned) {
            Response[] answer = new Response[1];
            await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                answer[0] = Requests.api(ingestionUrl, token).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/measurements");
                return answer[0].statusCode() != 503;
            });
            Response response = answer[0];
            assertThat(response.statusCode()).as("the resend of %s: %s", body, response.asString()).isIn(200, 201);
            String outcome = response.path("outcome");
            assertThat(outcome).as("the resend of %s", body).isEqualTo(response.statusCode() == 200 ? "UNCHANGED" : "CREATED");
            assertThat((Integer) response.path("revision")).as("the resend of %s: stored once", body).isEqualTo(1);
            outcomes.merge(outcome, 1, Integer::sum);
            accepted.add(new ValueStream.Accepted(code, response.path("breakdown"), response.path("month"),
                    new BigDecimal(response.path("value").toString()), response.path("id"), 1));
        }
        return accepted;
    }

    /** How many resends found their value already stored (UNCHANGED) and how many stored it (CREATED). */
    Map<String, Integer> outcomes() {
        return new TreeMap<>(outcomes);
    }
}
