package org.kpisuite.ingestion.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.messaging.TraceContext;
import org.kpisuite.problem.DatabaseUnavailable;
import org.kpisuite.problem.ProblemException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Writes concurrent single submissions together: a committer thread takes the first waiting submission, gathers
 * those that arrive within the window (or until the group is full), and writes them through the batch's
 * set-based path ({@link RevisionWriter}) in one transaction, so that fifty departments posting at once cost a few
 * transactions, not fifty. Each submission still gets its own answer: its revision, UNCHANGED, or its own
 * rejection. Submissions of the same key in one group are decided in their order of arrival.
 * <p>
 * If the group's transaction fails, nothing of it is stored; each submission is then written alone, so that it
 * gets the answer (or the error) it would have had by itself. Only a database that cannot be reached at all fails
 * the whole group at once, with that error (503): alone, each would wait for it in turn.
 * <p>
 * No library gathers concurrent requests into one transaction; PostgreSQL's own {@code commit_delay} shares only
 * the WAL flush, and each submission would still cost its own statements.
 */
@ApplicationScoped
public class GroupCommitter {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    /**
     * A submission waiting for its group, the traceparent of its request, and where its answer goes: completed on
     * the request's own event loop (when it has one), so that the committer thread only writes.
     */
    private record Pending(MeasurementRequest request, Submitter submitter, String traceParent,
            CompletableFuture<MeasurementService.Result> answer, Executor replyOn) {

        void complete(MeasurementService.Result result) {
            replyOn.execute(() -> answer.complete(result));
        }

        void fail(Throwable error) {
            replyOn.execute(() -> answer.completeExceptionally(error));
        }
    }

    /** What one submission of a group did, answered once the group has committed. */
    private record Answer(MeasurementService.Result result, Rejection rejection) {
    }

    @Inject
    IngestionConfig config;

    @Inject
    MeasurementService measurements;

    @Inject
    RevisionWriter writer;

    @Inject
    SubmissionMetrics metrics;

    @Inject
    MeterRegistry registry;

    private DistributionSummary groupSize;
    private Timer groupTime;
    private Counter groupRetries;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        // Where the time of single submissions goes: submissions per transaction, time per transaction, retries.
        groupSize = DistributionSummary.builder("kpi.ingestion.group.commit.size")
                .description("Single submissions written per transaction").register(registry);
        groupTime = Timer.builder("kpi.ingestion.group.commit").description("Time to write one group of submissions")
                .register(registry);
        groupRetries = Counter.builder("kpi.ingestion.group.commit.retries")
                .description("Groups whose transaction failed, each submission then written alone").register(registry);
        running = true;
        for (int i = 0; i < config.groupCommit().committers(); i++) {
            Thread committer = new Thread(this::run, "group-committer-" + i);
            committer.setDaemon(true);
            committer.start();
            committers.add(committer);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        committers.forEach(Thread::interrupt);
        for (Thread committer : committers) {
            try {
                committer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.fail(stopping()));
    }

    /**
     * Queues the submission for the next group; the answer completes once its group has committed, with its own
     * result or its own error. Nothing waits on the caller's thread: an HTTP request costs an event-loop turn, not
     * a worker thread parked for the duration of a commit.
     */
    public CompletionStage<MeasurementService.Result> submit(MeasurementRequest request, Submitter submitter) {
        if (!running) {
            return CompletableFuture.failedFuture(stopping());
        }
        Context context = Vertx.currentContext();
        Executor replyOn = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        Pending pending = new Pending(request, submitter, TraceContext.currentTraceParent(), new CompletableFuture<>(),
                replyOn);
        queue.add(pending);
        return pending.answer();
    }

    private void run() {
        long window = config.groupCommit().window().toNanos();
        int maxSize = config.groupCommit().maxSize();
        while (running) {
            List<Pending> group = new ArrayList<>();
            try {
                group.add(queue.take());
                long deadline = System.nanoTime() + window;
                while (group.size() < maxSize) {
                    queue.drainTo(group, maxSize - group.size());
                    long left = deadline - System.nanoTime();
                    if (group.size() >= maxSize || left <= 0) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                }
            } catch (InterruptedException e) {
                group.forEach(p -> p.fail(stopping()));
                return;
            }
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        List<Answer> answers;
        long start = System.nanoTime();
        try {
            answers = QuarkusTransaction.requiringNew().call(() -> write(group));
            groupTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            groupSize.record(group.size());
        } catch (RuntimeException e) {
            if (group.size() == 1 || DatabaseUnavailable.causes(e)) {
                group.forEach(p -> p.fail(e));
            } else {
                groupRetries.increment();
                LOG.warnf("a group of %d submissions failed (%s); writing each alone", group.size(), e.toString());
                group.forEach(p -> commit(List.of(p)));
            }
            return;
        } catch (Throwable e) {
            group.forEach(p -> p.fail(e));
            return;
        }
        // Committed: now the answers, and the metrics (a retried group would otherwise count twice).
        for (int i = 0; i < group.size(); i++) {
            Answer answer = answers.get(i);
            if (answer.rejection() != null) {
                metrics.rejected(answer.rejection());
                group.get(i).fail(answer.rejection().toException());
            } else {
                metrics.accepted(answer.result().outcome(), 1);
                group.get(i).complete(answer.result());
            }
        }
    }

    /** Validates each submission, then decides and stores the valid ones together, in the caller's transaction. */
    private List<Answer> write(List<Pending> group) {
        MeasurementService.Lookup lookup = measurements.lookup(group.stream().map(Pending::request).toList());
        Answer[] answers = new Answer[group.size()];
        List<RevisionWriter.Submission> valid = new ArrayList<>(group.size());
        List<Integer> positions = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Pending p = group.get(i);
            MeasurementService.Checked checked = measurements.validate(p.request(), p.submitter(), lookup);
            if (!checked.ok()) {
                answers[i] = new Answer(null, checked.rejection());
            } else {
                valid.add(new RevisionWriter.Submission(p.request(), checked, p.submitter(), p.traceParent()));
                positions.add(i);
            }
        }
        List<RevisionWriter.Decision> decisions = writer.decide(valid, true);
        writer.store(decisions);
        for (int j = 0; j < decisions.size(); j++) {
            RevisionWriter.Decision d = decisions.get(j);
            answers[positions.get(j)] = d.rejection() != null ? new Answer(null, d.rejection())
                    : new Answer(new MeasurementService.Result(d.measurement(), d.outcome(), d.flags()), null);
        }
        return List.of(answers);
    }

    private static ProblemException stopping() {
        return new ProblemException(503, "unavailable", "Service unavailable",
                "the service is stopping; send the request again", null);
    }
}
