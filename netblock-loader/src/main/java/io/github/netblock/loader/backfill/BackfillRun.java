package io.github.netblock.loader.backfill;

import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a backfill: update_by_query through the pipeline as a server-side task, followed by polling
 * {@code GET _tasks/ID} until it ends, with progress.
 *
 * <p>update_by_query's {@code conflicts=proceed} covers version conflicts only: a document the pipeline
 * fails on (an {@code source.ip} that is not an address) is a failure, and the task stops after the
 * batch that holds it (the other documents of that batch are written). So that one bad document does
 * not leave the rest unannotated, a task that stopped on failed documents is followed by another
 * round over what is still selected, with the failed documents excluded by index and id, until a
 * round ends without failures or {@code maxFailures} documents failed. Documents annotated by an
 * earlier round are no longer selected, so each round starts where the last stopped. A failed
 * document is not written: it stays as it was.
 */
public final class BackfillRun {
    /** Told which task is being followed, so an interrupted CLI can say how to re-attach. */
    public interface Watcher {
        void following(String taskId);
    }

    /** Consecutive failed polls of a task before giving up (the task keeps running). */
    static final int POLL_ATTEMPTS = 5;

    private final BackfillApi api;
    private final Progress progress;
    private final PrintWriter log;
    private final Duration pollInterval;
    private final Watcher watcher;

    public BackfillRun(BackfillApi api, Progress progress, PrintWriter log, Duration pollInterval, Watcher watcher) {
        this.api = api;
        this.progress = progress;
        this.log = log;
        this.pollInterval = pollInterval;
        this.watcher = watcher;
    }

    /** Starts one update_by_query task for {@code request} with the documents of {@code excluded} left out; its id. */
    public String start(BackfillRequest request, List<DocumentFailure> excluded) throws IOException {
        return api.startUpdateByQuery(request.index(), request.target().pipeline(),
                request.selection().query(request.target(), excluded), request.requestsPerSecond(), request.slices());
    }

    /** Runs the backfill to its end, round after round (see the class comment). */
    public BackfillSummary run(BackfillRequest request) throws IOException {
        BackfillSummary summary = new BackfillSummary();
        List<DocumentFailure> excluded = new ArrayList<>();
        Set<String> failedIds = new HashSet<>();
        // each round but the last adds at least one failed document, and rounds stop at maxFailures
        for (int round = 1; round <= request.maxFailures() + 1; round++) {
            String taskId = start(request, excluded);
            log.printf("backfill task %s started%s%n", taskId, round == 1 ? "" : " (round " + round + ", " + excluded.size() + " failed documents left out)");
            log.flush();
            TaskStatus status = follow(taskId);
            summary.add(taskId, status);
            if (status.error() != null || status.cancelled() != null || status.failures().isEmpty()) {
                return summary;
            }
            List<DocumentFailure> documents = status.failures().stream().filter(f -> f.id() != null).toList();
            if (documents.size() < status.failures().size()) {
                summary.stop("a search failed (" + status.failures().stream().filter(f -> f.id() == null).findFirst().orElseThrow().describe()
                        + "); run backfill again when the cluster is healthy");
                return summary;
            }
            boolean progressed = false;
            for (DocumentFailure f : documents) {
                progressed |= failedIds.add(f.index() + "/" + f.id());
            }
            if (!progressed) {
                summary.stop("documents failed again although they were left out: " + documents.get(0).describe());
                return summary;
            }
            excluded.addAll(documents);
            if (failedIds.size() >= request.maxFailures()) {
                summary.stop(failedIds.size() + " documents failed (--max-failures " + request.maxFailures()
                        + "); documents after them may not be annotated: fix the failures and run backfill again");
                return summary;
            }
            log.printf("task %s stopped after its batch with %d failed document%s (update_by_query stops there); going on without %s%n",
                    taskId, documents.size(), documents.size() == 1 ? "" : "s", documents.size() == 1 ? "it" : "them");
            log.flush();
        }
        summary.stop("more rounds than --max-failures allows");
        return summary;
    }

    /** Follows a task until it ends (a task started earlier, for {@code --resume}). */
    public BackfillSummary attach(String taskId) throws IOException {
        TaskStatus first = api.task(taskId);
        if (!first.action().startsWith(TaskStatus.UPDATE_BY_QUERY)) {
            throw new InvalidInputException("task " + taskId + " is not an update_by_query task but "
                    + (first.action().isEmpty() ? "an unknown one" : first.action()) + (first.description().isEmpty() ? "" : " (" + first.description() + ")"));
        }
        BackfillSummary summary = new BackfillSummary();
        summary.add(taskId, first.completed() ? first : follow(taskId));
        return summary;
    }

    /** Polls the task until it is completed; its final state. */
    TaskStatus follow(String taskId) throws IOException {
        watcher.following(taskId);
        Progress.Task shown = null;
        long reported = 0;
        int failedPolls = 0;
        try {
            while (true) { // ends when the task does; a task that cannot be read ends it after POLL_ATTEMPTS
                TaskStatus status;
                try {
                    status = api.task(taskId);
                    failedPolls = 0;
                } catch (InvalidInputException e) {
                    throw e;
                } catch (IOException e) {
                    if (++failedPolls >= POLL_ATTEMPTS) {
                        throw new IOException(e.getMessage() + " (" + POLL_ATTEMPTS + " times in a row; the task may still run: "
                                + "re-attach with --resume " + taskId + ")", e);
                    }
                    sleep();
                    continue;
                }
                if (shown == null && status.total() > 0) {
                    shown = progress.start("backfill task " + taskId, status.total(), "documents");
                }
                if (shown != null) {
                    shown.detail(status.detail());
                    long processed = Math.min(status.processed(), status.total());
                    shown.advance(processed - reported);
                    reported = processed;
                }
                if (status.completed()) {
                    return status;
                }
                sleep();
            }
        } finally {
            if (shown != null) {
                shown.close();
            }
        }
    }

    private void sleep() throws IOException {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while following the backfill task");
        }
    }
}
