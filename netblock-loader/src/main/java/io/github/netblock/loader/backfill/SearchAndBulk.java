package io.github.netblock.loader.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The backfill a cluster without update_by_query (no reindex module) gets, from this machine: what
 * update_by_query does in the cluster, done through the core APIs. A scroll over the selected
 * documents, in index order, page by page; each page written back through the pipeline by one
 * {@code _bulk}, each document only if unchanged since it was read ({@code if_seq_no} and
 * {@code if_primary_term}: a document changed meanwhile is a version conflict and left alone, as
 * {@code conflicts=proceed} does), with its routing. A document the pipeline fails on is reported and
 * left as it was; the others of its page and the pages after it go on (bulk items fail one by one).
 * The throttle spaces the pages so that no more than {@code requestsPerSecond} documents are written a
 * second on average. It runs as long as the command does; interrupted, it leaves every document it
 * reached annotated, and running backfill again picks the rest (they still lack the fields).
 */
public final class SearchAndBulk {
    /** Documents a page, as update_by_query's default scroll_size. */
    public static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackfillApi api;
    private final Progress progress;
    private final int pageSize;

    public SearchAndBulk(BackfillApi api, Progress progress, int pageSize) {
        this.api = api;
        this.progress = progress;
        this.pageSize = pageSize;
    }

    public BackfillSummary run(BackfillRequest request) throws IOException {
        ObjectNode query = request.selection().query(request.target(), List.of());
        String pipeline = request.target().pipeline();
        long started = System.nanoTime();
        long updated = 0;
        long conflicts = 0;
        long batches = 0;
        long throttledMillis = 0;
        List<DocumentFailure> failures = new ArrayList<>();
        JsonNode page = api.openScroll(request.index(), query, pageSize);
        String scrollId = page.path("_scroll_id").asText(null);
        long total = page.at("/hits/total/value").asLong();
        String stopped = null;
        try (Progress.Task shown = progress.start("backfill of " + request.index(), total, "documents")) {
            // at most one page per pageSize selected documents, and one empty page at the end
            for (long pages = 0; pages <= total / pageSize + 1; pages++) {
                JsonNode hits = page.at("/hits/hits");
                if (hits.isEmpty()) {
                    break;
                }
                if (batches > 0 && request.requestsPerSecond() != null) {
                    throttledMillis += throttle(started, updated + conflicts + failures.size(), request.requestsPerSecond());
                }
                JsonNode answer = api.bulk(pipeline, bulkBody(hits));
                batches++;
                for (JsonNode item : answer.path("items")) {
                    JsonNode result = item.elements().next();
                    int status = result.path("status").asInt();
                    if (status >= 200 && status < 300) {
                        updated++;
                    } else if (status == 409) {
                        conflicts++;
                    } else {
                        failures.add(new DocumentFailure(result.path("_index").asText(null), result.path("_id").asText(null), status,
                                DocumentFailure.reason(result.path("error"))));
                    }
                }
                shown.advance(hits.size());
                shown.detail(String.format("updated %,d, version conflicts %,d, failed %,d, batches %,d", updated, conflicts, failures.size(), batches));
                if (failures.size() >= request.maxFailures()) {
                    stopped = failures.size() + " documents failed (--max-failures " + request.maxFailures()
                            + "); fix the failures and run backfill again";
                    break;
                }
                page = api.nextScroll(scrollId);
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                api.clearScroll(scrollId);
            }
        }
        BackfillSummary summary = new BackfillSummary();
        summary.add(null, new TaskStatus(null, "", "", true, total, updated, 0, 0, 0, conflicts, batches,
                request.requestsPerSecond() == null ? -1 : request.requestsPerSecond(), throttledMillis, null, null, failures));
        if (stopped != null) {
            summary.stop(stopped);
        }
        return summary;
    }

    /** Sleeps until {@code done} documents at {@code perSecond} are due; the time slept. */
    private static long throttle(long startedNanos, long done, float perSecond) throws IOException {
        long due = startedNanos + (long) (done / (double) perSecond * 1e9);
        long wait = (due - System.nanoTime()) / 1_000_000;
        if (wait <= 0) {
            return 0;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while throttled");
        }
        return wait;
    }

    /** One {@code index} action per hit, conditional on the hit's sequence number, with its routing and source. */
    static String bulkBody(JsonNode hits) throws IOException {
        StringBuilder body = new StringBuilder();
        for (JsonNode hit : hits) {
            ObjectNode action = JSON.createObjectNode();
            ObjectNode index = action.putObject("index");
            index.put("_index", hit.path("_index").asText());
            index.put("_id", hit.path("_id").asText());
            index.put("if_seq_no", hit.path("_seq_no").asLong());
            index.put("if_primary_term", hit.path("_primary_term").asLong());
            if (hit.hasNonNull("_routing")) {
                index.put("routing", hit.get("_routing").asText());
            }
            body.append(JSON.writeValueAsString(action)).append('\n').append(JSON.writeValueAsString(hit.path("_source"))).append('\n');
        }
        return body.toString();
    }
}
