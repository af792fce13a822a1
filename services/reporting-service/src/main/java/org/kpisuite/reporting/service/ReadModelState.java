package org.kpisuite.reporting.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.kpisuite.messaging.AfterCommit;
import org.kpisuite.messaging.ChannelListener;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The read model's one-row state, shared by every replica through the database: the generation of the plan tree
 * and the rebuild in progress. A replica's caches compare against it, so none serves what another replica has
 * already changed.
 */
@ApplicationScoped
public class ReadModelState {

    private static final Logger LOG = Logger.getLogger(ReadModelState.class);
    /** Notified by the database's triggers on each committed change of the head (migration V64). */
    static final String CHANNEL = "kpi_read_model_head";

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DataSource dataSource;

    @Inject
    Event<ProgressKept> keptEvents;

    /** The heads last read, or null when they have to be read again. */
    private final AtomicReference<Heads> known = new AtomicReference<>();
    /** False once this replica committed a change that the heads known may predate, until they are read again. */
    private volatile boolean current;
    /** Counts announced changes, so that a read that overlapped one is not kept. */
    private final AtomicLong changes = new AtomicLong();
    /** Counts this replica's own commits of a change, so that a copy read across one is not trusted by head(). */
    private final AtomicLong committedHere = new AtomicLong();
    /** Whether notifications arrive: without them nothing read is kept. */
    private volatile boolean listening;
    private ChannelListener listener;

    /** What a read of one fiscal year's kept progress needs to know, in one statement. */
    public record Head(long planGeneration, boolean rebuilding, LocalDate keptAsOf, long keptVersion) {
        public boolean kept() {
            return keptAsOf != null;
        }
    }

    /**
     * The head as this replica knows it: kept in memory and reloaded whenever a change commits (this replica's own
     * at once, another's as its notification arrives, within moments), so a read of today's progress costs no
     * query. Without a listening connection every call asks the database.
     */
    public Head head(int fiscalYear) {
        return heads().of(fiscalYear);
    }

    private Heads heads() {
        Heads heads = known.get();
        return heads == null || !current ? reload(false) : heads;
    }

    /**
     * The head as this replica knows it in memory, for a read that must not wait for the database; null when only the
     * database can tell. Right after this replica commits a change it may still be the head from before that change,
     * as on other replicas, until the change's notification has been heard (moments later).
     */
    public Head knownHead(int fiscalYear) {
        Heads heads = known.get();
        return heads == null ? null : heads.of(fiscalYear);
    }

    /** The head as committed now, asked of the database (in the caller's transaction, if any). */
    public Head headFromDatabase(int fiscalYear) {
        // Plain JDBC: asked inside the transaction that may refresh a year for a new day.
        return Jdbc.work(entityManager, ReadModelState::readHeads).of(fiscalYear);
    }

    /** The state row and every kept year (a row per fiscal year: a handful), in one statement. */
    private static Heads readHeads(Connection connection) throws SQLException {
        try (var select = connection.prepareStatement("""
                select s.plan_generation, s.rebuild_id is not null, k.fiscal_year, k.as_of, k.version
                from read_model_state s left join kept_year k on true where s.id = 1""");
                var rs = select.executeQuery()) {
            Map<Integer, Head> years = new HashMap<>();
            long generation = 0;
            boolean rebuilding = false;
            while (rs.next()) {
                generation = rs.getLong(1);
                rebuilding = rs.getBoolean(2);
                int year = rs.getInt(3);
                if (!rs.wasNull()) {
                    years.put(year, new Head(generation, rebuilding, rs.getObject(4, LocalDate.class), rs.getLong(5)));
                }
            }
            return new Heads(generation, rebuilding, Map.copyOf(years));
        }
    }

    /** The state row and every kept year, as one snapshot. */
    private record Heads(long planGeneration, boolean rebuilding, Map<Integer, Head> years) {
        Head of(int fiscalYear) {
            Head year = years.get(fiscalYear);
            return year != null ? year : new Head(planGeneration, rebuilding, null, 0);
        }
    }

    /**
     * Reads the heads and keeps them, unless a transaction is open (it may see its own uncommitted change) or, for a
     * reader, a change was announced meanwhile (what it read may predate that change, and the next caller reads
     * again). The listener's thread always keeps what it read: it reads after each notification, so any change it
     * may have missed sends one of its own and is read next; it trusts its copy for {@link #head} only if no commit
     * of this replica overlapped the read.
     */
    private Heads reload(boolean listener) {
        boolean keep = !QuarkusTransaction.isActive();
        long seen = changes.get();
        long seenHere = committedHere.get();
        Heads heads;
        try (Connection connection = dataSource.getConnection()) {
            heads = readHeads(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the read model's head could not be read", e);
        }
        synchronized (changes) {
            if (keep && listening && (listener || changes.get() == seen)) {
                known.set(heads);
                current = committedHere.get() == seenHere;
            }
        }
        return heads;
    }

    /** Nothing known is served any more. */
    private void forget() {
        synchronized (changes) {
            changes.incrementAndGet();
            known.set(null);
        }
    }

    /**
     * This replica committed a change: {@link #head} asks the database until the heads are read again, while
     * {@link #knownHead} goes on answering what was known, as another replica does until the notification arrives.
     */
    private void afterOwnCommit() {
        synchronized (changes) {
            changes.incrementAndGet();
            committedHere.incrementAndGet();
            current = false;
        }
    }

    /**
     * In the current transaction: the head changes (a kept year, the plan generation, a rebuild started or ended).
     * This replica stops trusting its copy as the transaction commits, so its next {@link #head} sees the change;
     * other replicas hear of it through the trigger's notification.
     */
    public void changing() {
        if (transactions.getResource(Heads.class) == null) {
            transactions.putResource(Heads.class, Boolean.TRUE);
            AfterCommit.run(transactions, this::afterOwnCommit);
        }
    }

    void listen(@Observes StartupEvent event) {
        listener = new ChannelListener(dataSource, CHANNEL, Duration.ofSeconds(1), Duration.ofSeconds(2),
                new ChannelListener.Handler() {
                    @Override
                    public void listening() {
                        listening = true;
                        forget(); // whatever committed while nobody listened
                        reloadQuietly();
                    }

                    @Override
                    public void notified() {
                        // The copy held stays served while the new one is read: it was the truth moments ago.
                        Heads before = known.get();
                        changes.incrementAndGet();
                        Heads after = reloadQuietly();
                        // Another replica's pass or plan change: the lists being read here are prepared now, not by
                        // the next read. (This replica's own changes notify it too; its refresher announced them.)
                        if (after != null && !after.equals(before)) {
                            keptEvents.fire(new ProgressKept());
                        }
                    }

                    @Override
                    public void lost() {
                        listening = false;
                        forget();
                    }
                });
        listener.start("read-model-head-listener");
    }

    void stopListening(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.stop();
        }
    }

    /**
     * On the listener's thread; a failed read leaves nothing to trust, so reads ask the database until the next.
     * Returns the heads read, or null.
     */
    private Heads reloadQuietly() {
        try {
            return reload(true);
        } catch (RuntimeException e) {
            forget();
            LOG.warnf("reloading the read model's head failed (%s); reads ask the database until it is read again",
                    e.toString());
            return null;
        }
    }

    /** The plan generation, as {@link #head} knows it. */
    public long planGeneration() {
        return heads().planGeneration();
    }

    /** Whether the current transaction, if any, changes the head: only it sees that change until it commits. */
    public boolean changingHere() {
        return QuarkusTransaction.isActive() && transactions.getResource(Heads.class) != null;
    }

    /** In the current transaction: the plan tree changed. */
    public void planChanged() {
        changing();
        entityManager.createNativeQuery("update read_model_state set plan_generation = plan_generation + 1 where id = 1")
                .executeUpdate();
    }

    /**
     * In the current transaction, whether a rebuild is replaying the topics. The row is share-locked until the
     * transaction ends, so a rebuild cannot finish (and compute everything) between this answer and the commit.
     */
    public boolean rebuildingForShare() {
        // The lock holds the answer until the transaction ends, so one question per transaction suffices.
        Boolean known = (Boolean) transactions.getResource(ReadModelState.class);
        if (known == null) {
            // Plain JDBC: asked by every consumer transaction, where an ORM query's own overhead showed.
            known = Jdbc.work(entityManager, connection -> {
                try (var select = connection.prepareStatement(
                        "select rebuild_id is not null from read_model_state where id = 1 for share");
                        var rs = select.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            });
            transactions.putResource(ReadModelState.class, known);
        }
        return known;
    }
}
