package io.github.netblock.loader.backfill;

/**
 * What to backfill.
 *
 * @param index             the index pattern (indices, aliases, data streams; commas and wildcards)
 * @param target            where the pipeline's netblock processor reads and writes
 * @param selection         which documents
 * @param requestsPerSecond update_by_query's throttle, or null for none
 * @param slices            {@code auto} or a number of slices
 * @param maxFailures       stop starting rounds once this many documents failed
 */
public record BackfillRequest(String index, PipelineTarget target, Selection selection, Float requestsPerSecond, String slices,
                              int maxFailures) {
    public BackfillRequest {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
    }
}
