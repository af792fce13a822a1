package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.domain.IndicatorView;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The indicators of the read model, each definition parsed once per version. */
@ApplicationScoped
public class IndicatorDefinitions {

    /** Core targets first, then by code: the order of every progress list. */
    public static final Comparator<IndicatorEvent> LIST_ORDER = Comparator
            .comparing((IndicatorEvent i) -> !i.coreTarget()).thenComparing(IndicatorEvent::code);

    @Inject
    ObjectMapper mapper;

    private record Parsed(long version, IndicatorEvent indicator) {
    }

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    @Inject
    EntityManager entityManager;

    public List<IndicatorEvent> all() {
        return load(null);
    }

    /** Every indicator with a target in the fiscal year, in {@link #LIST_ORDER}. */
    public List<IndicatorEvent> withTargetIn(int fiscalYear) {
        return all().stream().filter(i -> i.targetFor(fiscalYear) != null).sorted(LIST_ORDER).toList();
    }

    /**
     * As {@link #withTargetIn(int)}, of the indicators reporting knew by the instant ({@code first_known}; one known
     * before that was recorded counts as always known): a review leaves out indicators defined after its recordedBy.
     */
    public List<IndicatorEvent> withTargetIn(int fiscalYear, Instant knownBy) {
        Set<String> known = Jdbc.work(entityManager, connection -> {
            Set<String> codes = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select code from indicator_view where first_known is null or first_known <= ?")) {
                select.setTimestamp(1, Timestamp.from(knownBy));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        codes.add(rs.getString(1));
                    }
                }
            }
            return codes;
        });
        return withTargetIn(fiscalYear).stream().filter(i -> known.contains(i.code())).toList();
    }

    /** The known ones of the given indicators. */
    public List<IndicatorEvent> of(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return load(codes);
    }

    /**
     * The views' versions first, and the whole state only of those not parsed at their version: the recalculation
     * on every poll asks for its indicators, and loading their JSON (and managing them as entities) cost more than
     * the calculation itself.
     */
    private List<IndicatorEvent> load(Collection<String> codes) {
        return Jdbc.work(entityManager, connection -> {
            Map<String, Long> versions = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(codes == null
                    ? "select code, version from indicator_view"
                    : "select code, version from indicator_view where code = any(?)")) {
                if (codes != null) {
                    select.setArray(1, Jdbc.strings(connection, codes));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            List<String> stale = versions.entrySet().stream().filter(e -> {
                Parsed known = parsed.get(e.getKey());
                return known == null || known.version() != e.getValue();
            }).map(Map.Entry::getKey).toList();
            if (!stale.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "select code, version, state::text from indicator_view where code = any(?)")) {
                    select.setArray(1, Jdbc.strings(connection, stale));
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            parsed.put(rs.getString(1), new Parsed(rs.getLong(2),
                                    InboundEvent.read(mapper, rs.getString(3), IndicatorEvent.class)));
                        }
                    }
                }
            }
            List<IndicatorEvent> result = new ArrayList<>(versions.size());
            versions.forEach((code, version) -> {
                Parsed known = parsed.get(code);
                if (known != null) {
                    result.add(known.indicator()); // at that version, or a newer one committed meanwhile
                }
            });
            return result;
        });
    }

    public Optional<IndicatorEvent> find(String code) {
        return Optional.ofNullable(IndicatorView.<IndicatorView>findById(code)).map(this::read);
    }

    /** The definition of that version, parsed from the view only when this replica has not seen it yet. */
    public IndicatorEvent atVersion(String code, long version) {
        Parsed known = parsed.get(code);
        if (known != null && known.version() == version) {
            return known.indicator();
        }
        return find(code).filter(i -> i.version() == version).orElse(null);
    }

    private IndicatorEvent read(IndicatorView view) {
        Parsed known = parsed.get(view.code);
        if (known != null && known.version() == view.version) {
            return known.indicator();
        }
        IndicatorEvent indicator = InboundEvent.read(mapper, view.state, IndicatorEvent.class);
        parsed.put(view.code, new Parsed(view.version, indicator));
        return indicator;
    }
}
