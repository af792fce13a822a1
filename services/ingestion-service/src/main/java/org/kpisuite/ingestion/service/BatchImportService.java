package org.kpisuite.ingestion.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.ingestion.domain.IndicatorReplica;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.ingestion.domain.PeriodClosure;
import org.kpisuite.ingestion.events.MeasurementEvents;
import org.kpisuite.ingestion.rest.MeasurementRequest;
import org.kpisuite.ingestion.service.ImportSummary.RowIssue;
import org.kpisuite.problem.ProblemException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Imports many values in one transaction: every row is checked exactly like a single submission
 * ({@link MeasurementService#validate}), the current revisions of all keys are loaded in one query, new
 * revisions are inserted in JDBC batches and their events recorded in the outbox in the same transaction.
 */
@ApplicationScoped
public class BatchImportService {

    private static final Logger LOG = Logger.getLogger(BatchImportService.class);

    @Inject
    MeasurementService measurements;

    @Inject
    MeasurementEvents events;

    @Inject
    EntityManager entityManager;

    @Inject
    Validator validator;

    @Inject
    SubmissionMetrics metrics;

    @Inject
    IngestionConfig config;

    /** 413 for a batch of more rows than the limit (kpi.ingestion.max-batch-rows). */
    public static void checkSize(int rows, int limit) {
        if (rows > limit) {
            String reason = "a batch holds at most " + limit + " rows, this one " + rows;
            throw new ProblemException(413, "too-many-rows", "Batch too large", "rows: " + reason,
                    List.of(new org.kpisuite.problem.Problem.Violation("rows", reason)));
        }
    }

    /** A row that may be stored: its request, checked key and what storing it does. */
    private record Candidate(BatchRow row, MeasurementService.Checked checked, Measurement current) {
    }

    @Transactional
    @TransactionConfiguration(timeout = 600)
    public ImportSummary importRows(List<BatchRow> rows, ImportMode mode, boolean dryRun, Submitter submitter) {
        checkSize(rows.size(), config.maxBatchRows());
        long start = System.nanoTime();
        Map<Integer, Rejection> rejections = new TreeMap<>();
        MeasurementService.Lookup lookup = batchLookup(rows);

        // 1. Each row on its own, exactly as a single submission.
        List<Candidate> checked = new ArrayList<>();
        for (BatchRow row : rows) {
            Rejection rejection = row.unreadable() != null ? row.unreadable() : wellFormed(row.request());
            MeasurementService.Checked c = null;
            if (rejection == null) {
                c = measurements.validate(row.request(), submitter, lookup);
                rejection = c.rejection();
            }
            if (rejection != null) {
                rejections.put(row.row(), rejection);
            } else {
                checked.add(new Candidate(row, c, null));
            }
        }

        // 2. The same key twice with different values: both rows are refused; the same value twice counts once.
        Map<MeasurementKey, List<Candidate>> byKey = checked.stream()
                .collect(Collectors.groupingBy(c -> c.checked().key(), LinkedHashMap::new, Collectors.toList()));
        Set<Integer> repeats = new java.util.HashSet<>();
        for (List<Candidate> same : byKey.values()) {
            for (Candidate c : same) {
                Optional<Candidate> other = same.stream().filter(o -> o != c
                        && o.row().request().value().compareTo(c.row().request().value()) != 0).findFirst();
                if (other.isPresent()) {
                    rejections.put(c.row().row(), Rejection.invalid("conflicting_rows", "value", "the same key as row "
                            + other.get().row().row() + " with another value ("
                            + other.get().row().request().value().stripTrailingZeros().toPlainString() + ")"));
                } else if (c != same.get(0)) {
                    repeats.add(c.row().row());
                }
            }
        }

        long validated = System.nanoTime();
        // 3. Against the stored values: one query for the current revision of every key of the indicators involved.
        Set<String> codes = new TreeSet<>();
        checked.forEach(c -> codes.add(c.checked().key().indicatorCode()));
        if (!dryRun && !codes.isEmpty()) {
            // Sorted, so that two batches never wait for each other in opposite orders; one statement for all the
            // indicators (a 1,000-indicator batch took 1,000 round trips). Codes are validated: never a comma.
            entityManager.createNativeQuery("""
                    select count(pg_advisory_xact_lock(1, hashtext(code)))
                    from unnest(string_to_array(:codes, ',')) with ordinality as locked(code, position)""")
                    .setParameter("codes", String.join(",", codes)).getSingleResult();
        }
        Map<MeasurementKey, Measurement> current = new HashMap<>();
        Map<String, TreeMap<String, BigDecimal>> series = new HashMap<>();
        for (Measurement m : Measurement.currentOf(codes)) {
            current.put(m.key(), m);
            series.computeIfAbsent(seriesOf(m.key()), s -> new TreeMap<>()).put(m.period, m.value);
        }

        long loaded = System.nanoTime();
        int unchanged = 0;
        List<Candidate> toStore = new ArrayList<>();
        for (Candidate c : checked) {
            int row = c.row().row();
            if (rejections.containsKey(row)) {
                continue;
            }
            MeasurementRequest request = c.row().request();
            Measurement stored = current.get(c.checked().key());
            if (repeats.contains(row) || MeasurementService.unchanged(request, stored)) {
                unchanged++;
                continue;
            }
            Rejection correction = MeasurementService.checkCorrection(request, stored);
            if (correction != null) {
                rejections.put(row, correction);
                continue;
            }
            toStore.add(new Candidate(c.row(), c.checked(), stored));
        }

        // 4. Outliers, against the history including the other rows of this batch.
        for (Candidate c : toStore) {
            series.computeIfAbsent(seriesOf(c.checked().key()), s -> new TreeMap<>())
                    .put(c.checked().key().month(), c.row().request().value());
        }
        List<RowIssue> flagged = new ArrayList<>();
        Set<Integer> outliers = new java.util.HashSet<>();
        for (Candidate c : toStore) {
            MeasurementKey key = c.checked().key();
            var earlier = series.get(seriesOf(key)).headMap(key.month(), false).values();
            Outliers.check(c.row().request().value(), earlier).ifPresent(reason -> {
                flagged.add(new RowIssue(c.row().row(), "value", reason));
                outliers.add(c.row().row());
            });
        }
        flagged.sort(Comparator.comparingInt(RowIssue::row));

        List<RowIssue> rejected = rejections.entrySet().stream()
                .map(e -> new RowIssue(e.getKey(), e.getValue().field(), e.getValue().reason())).toList();
        boolean refused = mode == ImportMode.ATOMIC && !rejected.isEmpty();
        int created = (int) toStore.stream().filter(c -> c.current() == null).count();
        int corrected = toStore.size() - created;
        if (!dryRun) {
            rejections.values().forEach(metrics::rejected);
        }
        if (refused) {
            return new ImportSummary(0, 0, 0, rejected.size(), dryRun, mode, rejected, List.of());
        }
        long checkedAll = System.nanoTime();
        if (!dryRun) {
            store(toStore, outliers, submitter);
            metrics.accepted(SubmissionOutcome.CREATED, created);
            metrics.accepted(SubmissionOutcome.CORRECTED, corrected);
            metrics.accepted(SubmissionOutcome.UNCHANGED, unchanged);
        }
        LOG.infof("batch of %d rows (%s%s): %d stored, %d rejected; validate %d ms, load %d ms, compare %d ms, "
                + "store %d ms", rows.size(), mode, dryRun ? ", dry run" : "", dryRun ? 0 : toStore.size(),
                rejected.size(), ms(start, validated), ms(validated, loaded), ms(loaded, checkedAll),
                ms(checkedAll, System.nanoTime()));
        return new ImportSummary(created, corrected, unchanged, rejected.size(), dryRun, mode, rejected, flagged);
    }

    /** New revisions first (batched inserts), then their events in the outbox, in the order of the rows. */
    private void store(List<Candidate> toStore, Set<Integer> outliers, Submitter submitter) {
        long start = System.nanoTime();
        List<MeasurementEvents.Recorded> stored = new ArrayList<>(toStore.size());
        for (Candidate c : toStore) {
            Measurement m = MeasurementService.newRevision(c.row().request(), c.checked(), c.current(), submitter);
            entityManager.persist(m);
            stored.add(new MeasurementEvents.Recorded(m,
                    outliers.contains(c.row().row()) ? List.of(Outliers.FLAG) : List.of()));
        }
        entityManager.flush();
        long inserted = System.nanoTime();
        events.recordedAll(stored);
        LOG.debugf("inserted %d revisions in %d ms, their events in %d ms", stored.size(), ms(start, inserted),
                ms(inserted, System.nanoTime()));
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** Bean Validation of the row, as the single POST does it for its body; the first field in order. */
    private Rejection wellFormed(MeasurementRequest request) {
        if (request == null) {
            return Rejection.malformed("row", "is empty");
        }
        return validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<MeasurementRequest> v) -> v.getPropertyPath().toString()))
                .findFirst().map(v -> Rejection.malformed(v.getPropertyPath().toString(), v.getMessage())).orElse(null);
    }

    /** Indicators and closures of every row, loaded once. */
    private MeasurementService.Lookup batchLookup(List<BatchRow> rows) {
        Set<String> codes = new TreeSet<>();
        Set<String> months = new TreeSet<>();
        for (BatchRow row : rows) {
            if (row.request() != null && row.request().indicatorCode() != null) {
                codes.add(row.request().indicatorCode());
            }
            if (row.request() != null && row.request().month() != null) {
                months.add(row.request().month());
            }
        }
        Map<String, IndicatorReplica> replicas = new HashMap<>();
        if (!codes.isEmpty()) {
            IndicatorReplica.<IndicatorReplica>list("code in ?1", codes).forEach(r -> replicas.put(r.code, r));
        }
        List<PeriodClosure> closures = PeriodClosure.ofMonths(months);
        Map<String, IndicatorEvent> indicators = new HashMap<>();
        return new MeasurementService.Lookup() {
            @Override
            public IndicatorReplica replica(String code) {
                return replicas.get(code);
            }

            @Override
            public IndicatorEvent indicator(IndicatorReplica replica) {
                return indicators.computeIfAbsent(replica.code, c -> measurements.read(replica));
            }

            @Override
            public Optional<PeriodClosure> closure(String month, String code, String department) {
                return PeriodClosure.covering(closures, month, code, department);
            }
        };
    }

    private static String seriesOf(MeasurementKey key) {
        return String.join("\u0000", key.indicatorCode(), key.component(), key.breakdown(), key.department());
    }
}
