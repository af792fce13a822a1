package org.kpisuite.ingestion.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.messaging.InboundEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The indicator definitions submissions are validated against, parsed once per version. The replica table stays
 * the truth: each lookup reads the version of every indicator asked for (one small query) and uses a cached
 * definition only at that very version, so a definition another replica of the service applied is never missed
 * and a stale one never used. Only the states not cached at their version are read and parsed. Quarkus's cache
 * ({@code @CacheResult}) is invalidated in one replica only, so it could serve a definition another has replaced.
 */
@ApplicationScoped
public class IndicatorDefinitions {

    private record Parsed(long version, IndicatorEvent indicator) {
    }

    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    /** Called by the consumer with the definition it applies, so that the next lookups need not parse it. */
    public void applied(IndicatorEvent indicator) {
        cache.put(indicator.code(), new Parsed(indicator.version(), indicator));
    }

    /** The replicas of those codes that exist (state not loaded), in two queries at most. */
    public Map<String, IndicatorReplica> replicas(Collection<String> codes) {
        Map<String, IndicatorReplica> replicas = new HashMap<>();
        if (codes.isEmpty()) {
            return replicas;
        }
        List<String> stale = new ArrayList<>();
        query("select code, department, retired, version from indicator_replica where code = any(?)", codes, rs -> {
            IndicatorReplica r = new IndicatorReplica();
            r.code = rs.getString(1);
            r.department = rs.getString(2);
            r.retired = rs.getBoolean(3);
            r.version = rs.getLong(4);
            replicas.put(r.code, r);
            Parsed cached = cache.get(r.code);
            if (cached == null || cached.version() != r.version) {
                stale.add(r.code);
            }
        });
        if (!stale.isEmpty()) {
            query("select code, version, state from indicator_replica where code = any(?)", stale, rs -> {
                IndicatorEvent indicator = InboundEvent.read(mapper, rs.getString(3), IndicatorEvent.class);
                cache.put(rs.getString(1), new Parsed(rs.getLong(2), indicator));
            });
        }
        return replicas;
    }

    /** The definition at the replica's version (cached by {@link #replicas}, or read now). */
    public IndicatorEvent indicator(IndicatorReplica replica) {
        Parsed cached = cache.get(replica.code);
        if (cached != null && cached.version() == replica.version) {
            return cached.indicator();
        }
        replicas(List.of(replica.code));
        cached = cache.get(replica.code);
        if (cached == null) {
            throw new IllegalStateException("indicator " + replica.code + " vanished from the replica");
        }
        return cached.indicator();
    }

    private interface Row {
        void read(ResultSet rs) throws java.sql.SQLException;
    }

    private void query(String sql, Collection<String> codes, Row row) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setArray(1, connection.createArrayOf("text", codes.toArray(String[]::new)));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
        });
    }
}
