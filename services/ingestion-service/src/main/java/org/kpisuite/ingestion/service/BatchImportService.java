package org.kpisuite.ingestion.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.ingestion.domain.MeasurementKey;
import org.kpisuite.ingestion.service.ImportSummary.RowIssue;
import org.kpisuite.messaging.TraceContext;
import org.kpisuite.problem.ProblemException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Imports many values in one transaction: every row is checked exactly like a single submission
 * ({@link MeasurementService#validate}) against cached indicator definitions and the closures of its months
 * (one query), then written through the set-based {@link RevisionWriter}: only the keys written are locked, their
 * current revisions and outlier windows read in one query each, the new revisions and their outbox events
 * inserted in one statement each.
 */
@ApplicationScoped
public class BatchImportService {

    private static final Logger LOG = Logger.getLogger(BatchImportService.class);

    @Inject
    MeasurementService measurements;

    @Inject
    RevisionWriter writer;

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

    /** A row that passed validation, with its checked key. */
    private record Candidate(BatchRow row, MeasurementService.Checked checked) {
    }

    public ImportSummary importRows(List<BatchRow> rows, ImportMode mode, boolean dryRun, Submitter submitter) {
        return importRows(rows, mode, dryRun, submitter, java.util.Locale.ROOT);
    }

    /** As {@link #importRows(List, ImportMode, boolean, Submitter)}, the reasons worded in the locale's language. */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public ImportSummary importRows(List<BatchRow> rows, ImportMode mode, boolean dryRun, Submitter submitter,
            java.util.Locale locale) {
        checkSize(rows.size(), config.maxBatchRows());
        long start = System.nanoTime();
        Map<Integer, Rejection> rejections = new TreeMap<>();
        MeasurementService.Lookup lookup = measurements.lookup(rows.stream().map(BatchRow::request).toList());

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
                rejections.put(row.row(), inColumn(rejection, row));
            } else {
                checked.add(new Candidate(row, c));
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
                    rejections.put(c.row().row(), Rejection.invalid("conflicting_rows", "value", "conflicting_rows",
                            String.valueOf(other.get().row().row()),
                            other.get().row().request().value().stripTrailingZeros().toPlainString()));
                } else if (c != same.get(0)) {
                    repeats.add(c.row().row());
                }
            }
        }

        long validated = System.nanoTime();
        // 3. Against the stored values, set-based: the keys written are locked (not whole indicators, so batches of
        // other keys and single submissions go on), their current revisions and the outlier window read in one query
        // each. A repeat of a row is left out (it counts as unchanged).
        String traceParent = TraceContext.currentTraceParent();
        List<RevisionWriter.Submission> submissions = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (Candidate c : checked) {
            int row = c.row().row();
            if (!rejections.containsKey(row) && !repeats.contains(row)) {
                submissions.add(new RevisionWriter.Submission(c.row().request(), c.checked(), submitter, traceParent));
                rowOf.add(row);
            }
        }
        List<RevisionWriter.Decision> decisions = writer.decide(submissions, !dryRun);

        long loaded = System.nanoTime();
        int unchanged = repeats.size();
        List<RevisionWriter.Decision> toStore = new ArrayList<>();
        List<RowIssue> flagged = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            RevisionWriter.Decision d = decisions.get(i);
            int row = rowOf.get(i);
            if (d.rejection() != null) {
                rejections.put(row, d.rejection());
            } else if (d.outcome() == SubmissionOutcome.UNCHANGED) {
                unchanged++;
            } else {
                toStore.add(d);
                if (d.outlier() != null) {
                    String rules = d.flags().stream().filter(f -> f.startsWith(org.kpisuite.events.MeasurementEvent.FLAG_RULE_PREFIX))
                            .map(f -> f.substring(org.kpisuite.events.MeasurementEvent.FLAG_RULE_PREFIX.length()))
                            .collect(Collectors.joining(","));
                    flagged.add(new RowIssue(row, "value", d.outlier(), rules.isEmpty() ? null : rules));
                }
            }
        }
        flagged.sort(Comparator.comparingInt(RowIssue::row));

        List<RowIssue> rejected = rejections.entrySet().stream()
                .map(e -> new RowIssue(e.getKey(), e.getValue().field(), e.getValue().reason(locale),
                        e.getValue().rule())).toList();
        boolean refused = mode == ImportMode.ATOMIC && !rejected.isEmpty();
        int created = (int) toStore.stream().filter(d -> d.outcome() == SubmissionOutcome.CREATED).count();
        int corrected = toStore.size() - created;
        if (!dryRun) {
            rejections.values().forEach(metrics::rejected);
        }
        if (refused) {
            return new ImportSummary(0, 0, 0, rejected.size(), dryRun, mode, rejected, List.of());
        }
        long checkedAll = System.nanoTime();
        if (!dryRun) {
            writer.store(toStore);
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

    /** A CSV row's period came from its month column: a rejection of the period names that column. */
    private static Rejection inColumn(Rejection rejection, BatchRow row) {
        if (row.periodField() == null || !"period".equals(rejection.field()) || row.periodField().equals("period")) {
            return rejection;
        }
        return new Rejection(rejection.status(), row.periodField(), rejection.code(), rejection.rule(), rejection.key(),
                rejection.args());
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** Bean Validation of the row, as the single POST does it for its body; the first field in order. */
    private Rejection wellFormed(MeasurementRequest request) {
        if (request == null) {
            return Rejection.malformed("row", "row.empty");
        }
        return validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<MeasurementRequest> v) -> v.getPropertyPath().toString()))
                .findFirst().map(v -> Rejection.malformedText(v.getPropertyPath().toString(), v.getMessage())).orElse(null);
    }
}
