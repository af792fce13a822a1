package org.kpisuite.ingestion.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.kpisuite.ingestion.domain.ClosedMonth;

/**
 * The closed months, cached per version of {@code closure_version}, which closing and reopening a month move: a
 * writer holding its months' locks (no month it writes can be closed or reopened until it commits) reads the version
 * with its keys' current revisions, and the closures are read again only when it moved. So a submission costs no
 * query of the closures, and every replica sees a closure the moment it commits.
 */
@ApplicationScoped
public class Closures {

    /** The closures at one version, by month. */
    public record Known(long version, Map<String, List<ClosedMonth>> byMonth) {

        public Optional<ClosedMonth> covering(String month, String code, String department) {
            return byMonth.getOrDefault(month, List.of()).stream().filter(c -> c.covers(code, department)).findFirst();
        }
    }

    @Inject
    EntityManager entityManager;

    /** Version 0 is never stored (the table starts at 1): the first writer loads the closures. */
    private volatile Known known = new Known(0, Map.of());

    /** The closures at {@code version}, read in the caller's transaction unless they are cached at that version. */
    public Known at(long version) {
        Known cached = known;
        if (cached.version() == version) {
            return cached;
        }
        Known loaded = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<String, List<ClosedMonth>> byMonth = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select period, indicator_code, department from period_closure");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String month = rs.getString(1).trim();
                    byMonth.computeIfAbsent(month, m -> new ArrayList<>())
                            .add(new ClosedMonth(month, rs.getString(2), rs.getString(3)));
                }
            }
            return new Known(version, byMonth);
        });
        // A reader of an older version must not replace a newer one read meanwhile.
        synchronized (this) {
            if (known.version() < loaded.version()) {
                known = loaded;
            }
        }
        return loaded;
    }

    /** Moves the version, in the transaction that closes or reopens a month (which holds the month's lock). */
    public void changed() {
        entityManager.createNativeQuery("update closure_version set version = version + 1 where id = 1").executeUpdate();
    }
}
