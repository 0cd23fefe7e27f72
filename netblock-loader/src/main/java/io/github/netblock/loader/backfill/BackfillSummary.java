package io.github.netblock.loader.backfill;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a backfill: the counters of its tasks summed, every failure, and why it stopped
 * early if it did. A document that failed is never counted as updated: update_by_query writes a
 * document only when the pipeline succeeded on it, so a failed document is left exactly as it was.
 */
public final class BackfillSummary {
    /** Failures printed in the report; the count says how many there were. */
    public static final int FAILURES_SHOWN = 10;

    private final List<String> tasks = new ArrayList<>();
    private final List<DocumentFailure> failures = new ArrayList<>();
    private boolean added;
    private long total;
    private long updated;
    private long noops;
    private long versionConflicts;
    private long batches;
    private long throttledMillis;
    private double requestsPerSecond = -1;
    private String cancelled;
    private String error;
    private String stoppedBecause;

    /**
     * Adds a completed task.
     *
     * @param taskId the task's id, or null for a backfill run from this machine
     */
    public void add(String taskId, TaskStatus status) {
        if (taskId != null) {
            tasks.add(taskId);
        }
        if (!added) {
            total = status.total(); // later rounds select what is left of the same documents
            added = true;
        }
        updated += status.updated() + status.created();
        noops += status.noops();
        versionConflicts += status.versionConflicts();
        batches += status.batches();
        throttledMillis += status.throttledMillis();
        requestsPerSecond = status.requestsPerSecond();
        failures.addAll(status.failures());
        if (status.cancelled() != null) {
            cancelled = status.cancelled();
        }
        if (status.error() != null) {
            error = status.error();
        }
    }

    /** Records why no further round was started. */
    public void stop(String because) {
        stoppedBecause = because;
    }

    public List<String> tasks() {
        return List.copyOf(tasks);
    }

    public List<DocumentFailure> failures() {
        return List.copyOf(failures);
    }

    public long total() {
        return total;
    }

    public long updated() {
        return updated;
    }

    public long noops() {
        return noops;
    }

    public long versionConflicts() {
        return versionConflicts;
    }

    public long batches() {
        return batches;
    }

    public long throttledMillis() {
        return throttledMillis;
    }

    public String cancelled() {
        return cancelled;
    }

    public String error() {
        return error;
    }

    public String stoppedBecause() {
        return stoppedBecause;
    }

    /** Whether everything selected was dealt with: no failure, no error, not cancelled, not stopped. */
    public boolean complete() {
        return failures.isEmpty() && error == null && cancelled == null && stoppedBecause == null;
    }

    /** The report: counts, the throttle, and the first failures with their reasons. */
    public void print(PrintWriter out, PrintWriter err) {
        out.printf("backfill: %,d updated, %,d noops, %,d version conflicts, %,d failed (%,d selected, %,d batches, %s; %s)%n",
                updated, noops, versionConflicts, failures.size(), total, batches, throttle(),
                tasks.isEmpty() ? "from this machine" : (tasks.size() == 1 ? "task " : "tasks ") + String.join(", ", tasks));
        if (versionConflicts > 0) {
            out.printf("%,d documents changed while backfill ran were left as they are (conflicts=proceed); run backfill again to pick them%n",
                    versionConflicts);
        }
        out.flush();
        if (!failures.isEmpty()) {
            err.printf("%,d document%s failed and %s left as before%s:%n", failures.size(), failures.size() == 1 ? "" : "s",
                    failures.size() == 1 ? "is" : "are", failures.size() > FAILURES_SHOWN ? "; the first " + FAILURES_SHOWN : "");
            failures.stream().limit(FAILURES_SHOWN).forEach(f -> err.println("  " + f.describe()));
        }
        if (cancelled != null) {
            err.println("the task was cancelled (" + cancelled + "): documents it had not reached are not annotated; run backfill again to go on");
        }
        if (error != null) {
            err.println("the task failed: " + error);
        }
        if (stoppedBecause != null) {
            err.println("backfill stopped: " + stoppedBecause);
        }
        err.flush();
    }

    private String throttle() {
        if (requestsPerSecond < 0 || Double.isInfinite(requestsPerSecond)) {
            return "unthrottled";
        }
        String rps = requestsPerSecond == Math.rint(requestsPerSecond) ? Long.toString((long) requestsPerSecond) : Double.toString(requestsPerSecond);
        return String.format("%s requests/s, throttled %.1f s", rps, throttledMillis / 1000.0);
    }
}
