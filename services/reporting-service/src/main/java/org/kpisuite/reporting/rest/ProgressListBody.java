package org.kpisuite.reporting.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kpisuite.reporting.service.KeptProgress;
import org.kpisuite.reporting.service.ProgressKept;
import org.kpisuite.reporting.service.ProgressRefresher;
import org.kpisuite.reporting.service.ReadModelState;
import org.kpisuite.reporting.service.YearCache;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The JSON of a kept fiscal year's progress list, built once per kept version; each entry's JSON is reused
 * until its own row changes, so a new version costs the entries it changed, not the thousand others. An entry is
 * a slice of the body it was last written into: the JSON of 10,000 indicators is held once, not twice.
 */
@ApplicationScoped
class ProgressListBody {

    private static final Logger LOG = Logger.getLogger(ProgressListBody.class);

    /**
     * The body of one kept version, its ETag, and where each entry's JSON is in it with the row version it came from;
     * {@code gzip} is the same JSON compressed once here (null when that does not make it smaller), so that a client
     * that accepts gzip, as every browser does, gets about a twelfth of the bytes without a compression per read.
     */
    record Body(long version, long planGeneration, LocalDate asOf, long madeAtNanos, byte[] json, byte[] gzip,
            String etag, Map<String, Entry> entries) {
    }

    record Entry(long rowVersion, int offset, int length) {
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    KeptProgress kept;

    @Inject
    ReadModelState state;

    @Inject
    ProgressRefresher refresher;

    private final YearCache<Body> bodies = new YearCache<>(YearCache.ENTRY_BUDGET, b -> b.entries().size());

    /**
     * How long after its last read a year's list is still rebuilt after every pass: long enough for a dashboard that
     * polls, short enough that a list read once (10,000 indicators, say) does not slow every pass of a long load.
     */
    static final Duration READ_RECENTLY = Duration.ofSeconds(30);

    /** The oldest list a read gets while a newer one is being prepared. */
    static final Duration HELD_WHILE_PREPARING = Duration.ofSeconds(2);

    /** The shortest time between two preparations of the lists being read; well within {@link #HELD_WHILE_PREPARING}. */
    static final Duration PREPARED_AT_MOST_EVERY = Duration.ofMillis(500);

    /** When each year's list was last read (System.nanoTime). */
    private final Map<Integer, Long> lastRead = new ConcurrentHashMap<>();

    /** Released when progress is kept anew: the preparer then rebuilds the years being read. */
    private final Semaphore keptAnew = new Semaphore(0);
    /** Passes announced, and the last of them whose lists are prepared: the lists held are behind between the two. */
    private final AtomicLong announced = new AtomicLong();
    private volatile long prepared;
    private volatile boolean running;
    private Thread preparer;

    void start(@Observes StartupEvent event) {
        running = true;
        preparer = new Thread(this::prepareWhileRunning, "progress-list-preparer");
        preparer.setDaemon(true);
        preparer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (preparer != null) {
            preparer.interrupt();
        }
    }

    /**
     * On the refresher's thread after each pass: only a signal, so that the next pass does not wait for the lists
     * (a preparer that falls behind builds the latest version once, not every pass's).
     */
    void kept(@Observes ProgressKept event) {
        announced.incrementAndGet();
        keptAnew.release();
    }

    private void prepareWhileRunning() {
        long last = System.nanoTime() - PREPARED_AT_MOST_EVERY.toNanos();
        while (running) {
            try {
                keptAnew.acquire();
                // Under a stream of values a pass commits every 100 ms, and each list made costs the whole list's
                // JSON (about 760 KB for 1,000 indicators, and its gzip): one every half second (start to start) is
                // enough, since reads are served the list held meanwhile. A pass after a quiet spell is prepared at
                // once.
                long early = last + PREPARED_AT_MOST_EVERY.toNanos() - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                keptAnew.drainPermits();
                last = System.nanoTime();
                prepare();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The years being read are rebuilt once their progress is kept anew (at most every {@link #PREPARED_AT_MOST_EVERY}). */
    private void prepare() {
        long covered = announced.get();
        try {
            long now = System.nanoTime();
            lastRead.entrySet().removeIf(read -> now - read.getValue() > READ_RECENTLY.toNanos());
            for (Integer year : List.copyOf(lastRead.keySet())) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> build(kept.snapshot(year)));
                } catch (RuntimeException e) {
                    LOG.warnf("preparing the FY%d progress list failed (%s); its next read makes its own", year, e);
                }
            }
        } finally {
            prepared = covered; // a pass announced meanwhile has released the semaphore: the next round covers it
        }
    }

    /**
     * The body a read of today's list serves: the one held when it is of the kept version, and also while this
     * replica's refresher runs a pass or its preparer has yet to build what a pass kept, so that a read during a
     * stream of values gets the list of a moment before (made at most 2 s earlier) instead of waiting for that
     * preparation on busy cores; otherwise the kept version's, made now if no one made it.
     */
    Body today(int fiscalYear) {
        Body held = heldServable(fiscalYear, state.head(fiscalYear));
        return held != null ? held : build(kept.snapshot(fiscalYear));
    }

    /**
     * The body {@link #today} would serve when it is held and the head is known in memory; null when serving it needs
     * the database. Never blocks, so the event loop may call it.
     */
    Body ready(int fiscalYear) {
        ReadModelState.Head head = state.knownHead(fiscalYear);
        return head == null ? null : heldServable(fiscalYear, head);
    }

    private Body heldServable(int fiscalYear, ReadModelState.Head head) {
        long now = System.nanoTime();
        Long before = lastRead.put(fiscalYear, now);
        // Only a year read recently is prepared after each pass, so only its held list is about to be replaced.
        boolean followed = before != null && now - before <= READ_RECENTLY.toNanos()
                && (prepared != announced.get() || refresher.refreshing());
        Body held = bodies.get(fiscalYear);
        return held != null && servable(held, head, kept.today(), followed, now) ? held : null;
    }

    /**
     * Whether the body held answers a read of today's list: of today and of the plan as kept, and of the kept
     * version or, while the next one is being prepared ({@code nextBeingPrepared}), of an older one made less than
     * {@link #HELD_WHILE_PREPARING} before {@code nowNanos} (a preparer that fails or lags is not hidden for long).
     */
    static boolean servable(Body held, ReadModelState.Head head, LocalDate today, boolean nextBeingPrepared,
            long nowNanos) {
        return held.asOf().equals(today) && held.asOf().equals(head.keptAsOf())
                && held.planGeneration() == head.planGeneration()
                && (held.version() >= head.keptVersion()
                        || (nextBeingPrepared && nowNanos - held.madeAtNanos() <= HELD_WHILE_PREPARING.toNanos()));
    }

    /** The body last built for the year, without counting as a read (null if none is held). */
    Body held(int fiscalYear) {
        return bodies.get(fiscalYear);
    }

    /** The snapshot's body, made from the one held if it is not that version yet. */
    Body build(KeptProgress.Snapshot snapshot) {
        return bodies.getOrMake(snapshot.fiscalYear(),
                last -> last.asOf().equals(snapshot.asOf()) && last.version() >= snapshot.version()
                        && last.planGeneration() >= snapshot.planGeneration(),
                last -> build(snapshot, last), (a, b) -> a.version() > b.version() ? a : b);
    }

    /** The body of the snapshot, reusing the entries of the last one (null if none) that have not changed since. */
    private Body build(KeptProgress.Snapshot snapshot, Body last) {
        boolean reuse = last != null && last.planGeneration() == snapshot.planGeneration()
                && last.asOf().equals(snapshot.asOf());
        // First each entry's source (a slice of the last body, or freshly written), then one array of the exact size.
        List<IndicatorProgress> progress = snapshot.progress();
        long[] versions = new long[progress.size()];
        byte[][] written = new byte[progress.size()][];
        Entry[] reused = new Entry[progress.size()];
        int size = 2 + Math.max(0, progress.size() - 1);
        for (int i = 0; i < progress.size(); i++) {
            String code = progress.get(i).indicator().code();
            versions[i] = snapshot.versions().getOrDefault(code, 0L);
            Entry entry = reuse ? last.entries().get(code) : null;
            if (entry != null && entry.rowVersion() == versions[i]) {
                reused[i] = entry;
                size += entry.length();
            } else {
                written[i] = json(ProgressResponse.of(progress.get(i)));
                size += written[i].length;
            }
        }
        byte[] json = new byte[size];
        Map<String, Entry> entries = new HashMap<>(progress.size() * 4 / 3 + 1);
        int at = 0;
        json[at++] = '[';
        for (int i = 0; i < progress.size(); i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            int length;
            if (reused[i] != null) {
                length = reused[i].length();
                System.arraycopy(last.json(), reused[i].offset(), json, at, length);
            } else {
                length = written[i].length;
                System.arraycopy(written[i], 0, json, at, length);
            }
            entries.put(progress.get(i).indicator().code(), new Entry(versions[i], at, length));
            at += length;
        }
        json[at] = ']';
        Body body = new Body(snapshot.version(), snapshot.planGeneration(), snapshot.asOf(), System.nanoTime(), json,
                gzip(json), "p" + snapshot.fiscalYear() + "-" + snapshot.asOf() + "-" + snapshot.version() + "-"
                        + snapshot.planGeneration(), entries);
        return body;
    }

    /**
     * The JSON gzipped at the fastest level, or null if that saves nothing: a list repeats the same keys for every
     * entry, so even that level shrinks 1,000 indicators' 760 KB to 60 KB, in about 2 ms of one core.
     */
    static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() < json.length ? out.toByteArray() : null;
    }

    private byte[] json(ProgressResponse response) {
        try {
            return mapper.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("progress is not serialisable", e);
        }
    }
}
