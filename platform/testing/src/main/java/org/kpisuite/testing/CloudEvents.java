package org.kpisuite.testing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.kpisuite.events.CloudEventHeaders;

/** Headers of a CloudEvent in binary mode, as the outbox relay writes them, for tests that act as a producer. */
public final class CloudEvents {

    private CloudEvents() {
    }

    public static Map<String, String> headers(String id, String type, String subject) {
        return Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/kpi/test",
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SUBJECT, subject,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    public static Map<String, String> headers(String type, String subject) {
        return headers(UUID.randomUUID().toString(), type, subject);
    }
}
