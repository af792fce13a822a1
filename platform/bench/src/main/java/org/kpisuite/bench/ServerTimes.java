package org.kpisuite.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side latency of each request, from the services' own access log (Quarkus measures from the request's
 * arrival to the end of its response, in microseconds). Their {@code http_server_requests_seconds} timer has no
 * histogram buckets (Quarkus has no setting for them), so its count and sum give only a mean: percentiles need
 * the single requests. The log lines go to each service's log file; a phase reads the lines between two marks.
 */
final class ServerTimes {

    static final String MARKER = "bench-access";

    /** The services' JVM options that turn the log on (one line per request: a few microseconds each). */
    static final List<String> JVM_OPTIONS = List.of(
            "-Dquarkus.http.record-request-start-time=true",
            "-Dquarkus.http.access-log.enabled=true",
            "-Dquarkus.http.access-log.pattern=" + MARKER + " %m %U %s %{RESPONSE_TIME_MICROS}");

    private static final long SETTLE_MILLIS = 300;

    /** A position in every service's log. */
    record Mark(Map<String, Long> offsets) {
    }

    private final Map<String, Path> logs;

    /** Service name → its log file; empty against a running suite (--target), whose logs are not ours. */
    ServerTimes(Map<String, Path> logs) {
        this.logs = Map.copyOf(logs);
    }

    boolean available() {
        return !logs.isEmpty();
    }

    /** The log's end now, once the lines of the requests just answered are written (they follow the answer). */
    Mark mark() {
        if (available()) {
            Dataset.sleep(SETTLE_MILLIS);
        }
        Map<String, Long> offsets = new HashMap<>();
        logs.forEach((service, file) -> {
            try {
                offsets.put(service, Files.size(file));
            } catch (IOException e) {
                offsets.put(service, 0L);
            }
        });
        return new Mark(offsets);
    }

    /** The server-side times of {@code method path} (compared without the query) on a service between two marks. */
    Latencies between(String service, Mark from, Mark to, String method, String path) {
        Latencies latencies = new Latencies();
        Path file = logs.get(service);
        if (file == null) {
            return latencies;
        }
        long start = from.offsets().getOrDefault(service, 0L);
        long end = to.offsets().getOrDefault(service, 0L);
        byte[] bytes = new byte[(int) Math.max(0, end - start)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(start);
            in.readFully(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file, e);
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int at = line.indexOf(MARKER + " ");
            if (at < 0) {
                continue;
            }
            // method, URI (with its query: %U keeps it), status, microseconds
            String[] fields = line.substring(at + MARKER.length()).trim().split("\\s+");
            if (fields.length < 4 || !fields[0].equals(method) || !fields[1].split("\\?", 2)[0].equals(path)) {
                continue;
            }
            try {
                latencies.add(Long.parseLong(fields[3]) * 1_000);
            } catch (NumberFormatException e) {
                // a request Quarkus could not time: not counted
            }
        }
        return latencies;
    }
}
