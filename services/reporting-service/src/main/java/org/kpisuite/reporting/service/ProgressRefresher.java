package org.kpisuite.reporting.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.kpisuite.messaging.AfterCommit;
import org.kpisuite.reporting.config.ReportingConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Recalculates, on a thread of its own, the progress that committed polls marked pending ({@code kept_pending}):
 * a consumer's transaction only applies its values, so they are visible as soon as it commits, and when polls
 * come faster than a recalculation takes, one pass covers the marks of all of them. Woken by every local commit
 * that marked something, at most once per {@code kpi.reporting.progress-pass-interval}; it also looks every
 * second, for the marks of a replica that stopped before it recalculated them. A failed pass rolls back and leaves its marks for the next.
 * After a pass it fires {@link ProgressKept}, so that the lists being read are rebuilt here rather than in a request.
 */
@ApplicationScoped
public class ProgressRefresher {

    private static final Logger LOG = Logger.getLogger(ProgressRefresher.class);

    /** Marks claimed by one pass: enough to cover a burst, few enough to keep one transaction short. */
    static final int MAX_MARKS = 20_000;

    @Inject
    KeptProgress kept;

    @Inject
    ReportingConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    Event<ProgressKept> keptEvents;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Timer lag;

    void start(@Observes StartupEvent event) {
        lag = Timer.builder("kpi.progress.lag")
                .description("From a poll's commit marking values pending to the commit of their recalculated progress")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("kpi.progress.pending", this::pendingMarks)
                .description("Values applied whose progress is not recalculated yet (marks of every replica)")
                .register(registry);
        running = true;
        thread = new Thread(this::run, "progress-refresher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    /** In the current transaction: once it has committed, the refresher runs. */
    void wakeAfterCommit() {
        AfterCommit.run(transactions, wake::release);
    }

    /** True while a pass runs and until readers have been told what it kept. */
    private volatile boolean refreshing;

    private void run() {
        long interval = config.progressPassInterval().toNanos();
        long lastPass = System.nanoTime() - interval;
        while (running) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                long early = lastPass + interval - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            int drained = drain();
            lastPass = System.nanoTime();
            if (drained < 0) {
                try {
                    Thread.sleep(1_000); // the database is restarting, say: the next look is in a second
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Recalculates until no mark is pending: how many marks it recalculated, or -1 if a pass failed. One pass at a
     * time in a replica, so a caller that drains also waits for the pass in progress to commit.
     */
    public synchronized int drain() {
        int total = 0;
        while (true) {
            KeptProgress.Claimed claimed;
            refreshing = true;
            try {
                try {
                    claimed = QuarkusTransaction.requiringNew().call(() -> kept.refreshPending(MAX_MARKS));
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.warnf("recalculating pending progress failed (%s); its marks stay for the next pass", e.toString());
                    }
                    return -1;
                }
                if (claimed.marks() == 0) {
                    return total;
                }
                // Each committed pass, not only the last of a long drain: readers follow every version.
                announce();
            } finally {
                refreshing = false;
            }
            lag.record(Duration.between(claimed.oldest(), Instant.now()));
            total += claimed.marks();
        }
    }

    /**
     * Whether a pass is under way in this replica, up to the announcement of what it kept: a version newer than what
     * readers hold may be about to be announced.
     */
    public boolean refreshing() {
        return refreshing;
    }

    /** Readers learn of the new versions now (and prepare them on a thread of their own), before the next request. */
    private void announce() {
        try {
            keptEvents.fire(new ProgressKept());
        } catch (RuntimeException e) {
            LOG.debugf("preparing the new kept progress for readers failed (%s); the next read prepares it", e);
        }
    }

    private double pendingMarks() {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("select count(*) from kept_pending")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
