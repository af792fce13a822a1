package org.kpisuite.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Launching and stopping the JVM child processes of the dev stack. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** The java launcher of the running JVM, so that children use the same Java version. */
    static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Does nothing for a process that is not running. */
    static void terminate(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
    }

    /** SIGKILL, a crash: no shutdown hook runs. Waits until the process is gone. */
    static void kill(Process process) {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
    }

    static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
