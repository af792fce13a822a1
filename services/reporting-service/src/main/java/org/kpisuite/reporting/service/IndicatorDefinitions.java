package org.kpisuite.reporting.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    public List<IndicatorEvent> all() {
        return IndicatorView.<IndicatorView>listAll().stream().map(this::read).toList();
    }

    /** Every indicator with a target in the fiscal year, in {@link #LIST_ORDER}. */
    public List<IndicatorEvent> withTargetIn(int fiscalYear) {
        return all().stream().filter(i -> i.targetFor(fiscalYear) != null).sorted(LIST_ORDER).toList();
    }

    /** The known ones of the given indicators. */
    public List<IndicatorEvent> of(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return IndicatorView.<IndicatorView>list("code in ?1", codes).stream().map(this::read).toList();
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
