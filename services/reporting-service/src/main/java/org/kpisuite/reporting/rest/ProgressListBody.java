package org.kpisuite.reporting.rest;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.kpisuite.reporting.service.KeptProgress;
import org.kpisuite.reporting.service.YearCache;
import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON of a kept fiscal year's progress list, built once per kept version; each entry's JSON is reused
 * until its own row changes, so a new version costs the entries it changed, not the thousand others.
 */
@ApplicationScoped
class ProgressListBody {

    /** The body of one kept version, its ETag, and the JSON of each entry with the row version it came from. */
    record Body(long version, long planGeneration, java.time.LocalDate asOf, byte[] json, String etag,
            Map<String, Entry> entries) {
    }

    record Entry(long rowVersion, byte[] json) {
    }

    @Inject
    ObjectMapper mapper;

    private final YearCache<Body> bodies = new YearCache<>(YearCache.ENTRY_BUDGET, b -> b.entries().size());

    Body of(KeptProgress.Snapshot snapshot) {
        Body last = bodies.get(snapshot.fiscalYear());
        if (last != null && last.version() == snapshot.version() && last.planGeneration() == snapshot.planGeneration()
                && last.asOf().equals(snapshot.asOf())) {
            return last;
        }
        boolean reuse = last != null && last.planGeneration() == snapshot.planGeneration()
                && last.asOf().equals(snapshot.asOf());
        Map<String, Entry> entries = new HashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * (snapshot.progress().size() + 1));
        out.write('[');
        boolean first = true;
        for (IndicatorProgress p : snapshot.progress()) {
            String code = p.indicator().code();
            long rowVersion = snapshot.versions().getOrDefault(code, 0L);
            Entry entry = reuse ? last.entries().get(code) : null;
            if (entry == null || entry.rowVersion() != rowVersion) {
                entry = new Entry(rowVersion, json(ProgressResponse.of(p)));
            }
            entries.put(code, entry);
            if (!first) {
                out.write(',');
            }
            out.writeBytes(entry.json());
            first = false;
        }
        out.write(']');
        Body body = new Body(snapshot.version(), snapshot.planGeneration(), snapshot.asOf(), out.toByteArray(),
                "p" + snapshot.fiscalYear() + "-" + snapshot.asOf() + "-" + snapshot.version() + "-"
                        + snapshot.planGeneration(), entries);
        bodies.merge(snapshot.fiscalYear(), body, (a, b) -> a.version() > b.version() ? a : b);
        return body;
    }

    private byte[] json(ProgressResponse response) {
        try {
            return mapper.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("progress is not serialisable", e);
        }
    }
}
