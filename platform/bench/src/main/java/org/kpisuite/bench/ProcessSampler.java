package org.kpisuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each process of the suite used, from {@code /proc}: the resident memory (VmRSS) of each service, sampled twice a
 * second through the whole run (the summary keeps each service's largest sample and the phase it was taken in), and
 * the CPU time of each service, of PostgreSQL (the postmaster and its child processes: backends, WAL writer,
 * checkpointer, autovacuum; alive or reaped) and of the load generator (which hosts the Kafka broker), read at each
 * change of phase: the cores each used in each phase. A phase shorter than a second is not reported.
 */
final class ProcessSampler implements AutoCloseable {

    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}: 100 on every common architecture. */
    static final int CLOCK_TICKS_PER_SECOND = 100;
    static final String POSTGRES = "postgresql";
    static final String LOAD_GENERATOR = "load generator and broker";

    private record Peak(long kb, String phase) {
    }

    private record PhaseCpu(String phase, double seconds, Map<String, Double> cores) {
    }

    private final Map<String, Long> pids;
    private final long postgresPid;
    private final long benchPid;
    private final Map<String, Peak> peaks = new LinkedHashMap<>();
    private final List<PhaseCpu> phases = new ArrayList<>();
    private final Thread thread;
    private volatile String phase = "start";
    private long phaseStartNanos = System.nanoTime();
    private Map<String, Long> phaseStartTicks;
    private volatile boolean stop;
    private int samples;

    /**
     * Service name → process id, and PostgreSQL's postmaster (-1 if unknown); nothing is sampled against a running
     * suite (--target), whose processes are not ours.
     */
    ProcessSampler(Map<String, Long> pids, long postgresPid) {
        this.pids = Map.copyOf(pids);
        this.postgresPid = postgresPid;
        this.benchPid = ProcessHandle.current().pid();
        this.phaseStartTicks = ticks();
        thread = new Thread(this::run, "bench-processes");
        thread.setDaemon(true);
        if (!pids.isEmpty()) {
            thread.start();
        }
    }

    /** A new phase begins: the CPU used since the last one is that phase's. */
    synchronized void phase(String name) {
        endPhase();
        phase = name;
    }

    private void endPhase() {
        if (pids.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Map<String, Long> ticks = ticks();
        double seconds = (now - phaseStartNanos) / 1e9;
        if (seconds >= 1) {
            Map<String, Double> cores = new LinkedHashMap<>();
            ticks.forEach((process, t) -> {
                Long before = phaseStartTicks.get(process);
                if (before != null && t >= before) {
                    cores.put(process, Latencies.round((t - before) / (double) CLOCK_TICKS_PER_SECOND / seconds));
                }
            });
            phases.add(new PhaseCpu(phase, Latencies.round(seconds), cores));
        }
        phaseStartNanos = now;
        phaseStartTicks = ticks;
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

    /** CPU ticks used so far by each service, PostgreSQL and the load generator (a process that has exited: none). */
    private Map<String, Long> ticks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((service, pid) -> {
            long[] stat = stat(pid);
            if (stat != null) {
                ticks.put(service, stat[1] + stat[2]);
            }
        });
        if (postgresPid > 0) {
            long[] postmaster = stat(postgresPid);
            if (postmaster != null) {
                // A child's time moves to the postmaster's children's time when it exits and is reaped (one that exits
                // between the two reads below is counted at the next).
                long total = postmaster[1] + postmaster[2] + postmaster[3] + postmaster[4];
                try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                    for (Path dir : all.toList()) {
                        String name = dir.getFileName().toString();
                        if (!name.chars().allMatch(Character::isDigit)) {
                            continue;
                        }
                        long[] child = stat(Long.parseLong(name));
                        if (child != null && child[0] == postgresPid) {
                            total += child[1] + child[2];
                        }
                    }
                } catch (IOException e) {
                    // no /proc: nothing to add
                }
                ticks.put(POSTGRES, total);
            }
        }
        long[] bench = stat(benchPid);
        if (bench != null) {
            ticks.put(LOAD_GENERATOR, bench[1] + bench[2]);
        }
        return ticks;
    }

    /** Parent pid, utime, stime, cutime and cstime of {@code /proc/<pid>/stat}; null if the process is gone. */
    static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name, in parentheses, may hold spaces: the fields that follow come after its last ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            return new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14]) };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    synchronized Map<String, Object> summary() {
        endPhase();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("samples", samples);
        Map<String, Object> perService = new LinkedHashMap<>();
        peaks.forEach((service, peak) -> perService.put(service,
                Map.of("maxRssMb", Latencies.round(peak.kb() / 1024.0), "phase", peak.phase())));
        s.put("perService", perService);
        s.put("maxRssMb", Latencies.round(peaks.values().stream().mapToLong(Peak::kb).max().orElse(-1) / 1024.0));
        return s;
    }

    /** Per phase, its seconds and the cores each process used in it (of the machine's processors). */
    synchronized List<Map<String, Object>> cpuPerPhase() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PhaseCpu p : phases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", p.phase());
            m.put("seconds", p.seconds());
            m.put("cores", p.cores());
            m.put("total", Latencies.round(p.cores().values().stream().mapToDouble(Double::doubleValue).sum()));
            list.add(m);
        }
        return list;
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
    }
}
