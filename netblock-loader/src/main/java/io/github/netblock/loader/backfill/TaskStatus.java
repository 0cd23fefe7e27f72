package io.github.netblock.loader.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET _tasks/ID} says of an update_by_query task: the counters of its status while it
 * runs (summed over slices by Elasticsearch), and once it is completed those of its response with
 * the failures. A completed task whose response is missing ended with an {@code error} (the whole
 * request failed: an index closed under it, a pipeline deleted).
 *
 * @param taskId            {@code node:id}
 * @param action            e.g. {@code indices:data/write/update/byquery}
 * @param total             documents the query matched
 * @param batches           scroll batches done
 * @param requestsPerSecond the throttle, -1 for none (Elasticsearch's "unlimited")
 * @param throttledMillis   time spent waiting for the throttle
 * @param cancelled         the reason it was cancelled ({@code by user request}), or null
 * @param error             the reason the task failed as a whole, or null
 * @param failures          failures of the response (empty while running: Elasticsearch reports them at the end)
 */
public record TaskStatus(String taskId, String action, String description, boolean completed, long total, long updated, long created,
                         long deleted, long noops, long versionConflicts, long batches, double requestsPerSecond, long throttledMillis,
                         String cancelled, String error, List<DocumentFailure> failures) {
    /** The action of an update_by_query task and of its slices. */
    public static final String UPDATE_BY_QUERY = "indices:data/write/update/byquery";

    public TaskStatus {
        failures = List.copyOf(failures);
    }

    /** Reads the answer of {@code GET _tasks/ID}. */
    public static TaskStatus parse(JsonNode json) {
        JsonNode task = json.path("task");
        boolean completed = json.path("completed").asBoolean(false);
        JsonNode response = json.path("response");
        // the response holds the final counters and the failures; a running task only has its status
        JsonNode counters = completed && response.isObject() ? response : task.path("status");
        List<DocumentFailure> failures = new ArrayList<>();
        for (JsonNode f : response.path("failures")) {
            failures.add(DocumentFailure.of(f));
        }
        String cancelled = firstText(response.path("canceled"), task.path("status").path("canceled"));
        if (cancelled == null && task.path("cancelled").asBoolean(false)) {
            cancelled = "cancelled";
        }
        String error = json.path("error").isObject() ? DocumentFailure.reason(json.path("error")) : null;
        String id = task.hasNonNull("node") ? task.path("node").asText() + ":" + task.path("id").asText() : null;
        return new TaskStatus(id, task.path("action").asText(""), task.path("description").asText(""), completed,
                counters.path("total").asLong(), counters.path("updated").asLong(), counters.path("created").asLong(),
                counters.path("deleted").asLong(), counters.path("noops").asLong(), counters.path("version_conflicts").asLong(),
                counters.path("batches").asLong(), counters.path("requests_per_second").asDouble(-1),
                counters.path("throttled_millis").asLong(), cancelled, error, failures);
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n.isTextual() && !n.asText().isEmpty()) {
                return n.asText();
            }
        }
        return null;
    }

    /** Documents dealt with so far, in whatever way. */
    public long processed() {
        return updated + created + deleted + noops + versionConflicts;
    }

    /** Documents that failed (the task stops at the batch that holds the first). */
    public long failed() {
        return failures.stream().filter(f -> f.id() != null).count();
    }

    /** The progress line's detail. */
    public String detail() {
        return String.format("updated %,d, version conflicts %,d, batches %,d", updated + created, versionConflicts, batches);
    }
}
