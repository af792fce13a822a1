package org.kpisuite.reporting.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The read model's one-row state, shared by every replica through the database: the generation of the plan tree
 * and the rebuild in progress. A replica's caches compare against it, so none serves what another replica has
 * already changed.
 */
@ApplicationScoped
public class ReadModelState {

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** What a read of one fiscal year's kept progress needs to know, in one statement. */
    public record Head(long planGeneration, boolean rebuilding, LocalDate keptAsOf, long keptVersion) {
        public boolean kept() {
            return keptAsOf != null;
        }
    }

    public Head head(int fiscalYear) {
        // Plain JDBC: asked by every read of today's progress, where an ORM query's own overhead showed.
        return Jdbc.work(entityManager, connection -> {
            try (var select = connection.prepareStatement("""
                    select s.plan_generation, s.rebuild_id is not null, k.as_of, coalesce(k.version, 0)
                    from read_model_state s left join kept_year k on k.fiscal_year = ?
                    where s.id = 1""")) {
                select.setInt(1, fiscalYear);
                try (var rs = select.executeQuery()) {
                    rs.next();
                    return new Head(rs.getLong(1), rs.getBoolean(2), rs.getObject(3, LocalDate.class), rs.getLong(4));
                }
            }
        });
    }

    public long planGeneration() {
        return ((Number) entityManager.createNativeQuery("select plan_generation from read_model_state where id = 1")
                .getSingleResult()).longValue();
    }

    /** In the current transaction: the plan tree changed. */
    public void planChanged() {
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
