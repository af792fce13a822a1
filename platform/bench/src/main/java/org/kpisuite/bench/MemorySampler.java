package org.kpisuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resident memory (VmRSS of {@code /proc/<pid>/status}) of each service process, sampled twice a second
 * through the whole run; the summary keeps each service's largest sample and the phase it was taken in.
 */
final class MemorySampler implements AutoCloseable {

    private record Peak(long kb, String phase) {
    }

    private final Map<String, Long> pids;
    private final Map<String, Peak> peaks = new LinkedHashMap<>();
    private final Thread thread;
    private volatile String phase = "start";
    private volatile boolean stop;
    private int samples;

    /** Service name → process id; empty against a running suite (--target), whose processes are not ours. */
    MemorySampler(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        thread = new Thread(this::run, "bench-rss");
        thread.setDaemon(true);
        if (!pids.isEmpty()) {
            thread.start();
        }
    }

    void phase(String name) {
        phase = name;
    }

    private void run() {
        while (!stop) {
            sample();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        samples++;
        pids.forEach((service, pid) -> {
            long kb = rssKb(pid);
            Peak peak = peaks.get(service);
            if (kb > 0 && (peak == null || kb > peak.kb())) {
                peaks.put(service, new Peak(kb, phase));
            }
        });
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has exited
        }
        return -1;
    }

    synchronized Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("samples", samples);
        Map<String, Object> perService = new LinkedHashMap<>();
        peaks.forEach((service, peak) -> perService.put(service,
                Map.of("maxRssMb", Latencies.round(peak.kb() / 1024.0), "phase", peak.phase())));
        s.put("perService", perService);
        s.put("maxRssMb", Latencies.round(peaks.values().stream().mapToLong(Peak::kb).max().orElse(-1) / 1024.0));
        return s;
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
    }
}
