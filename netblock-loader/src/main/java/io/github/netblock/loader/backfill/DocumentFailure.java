package io.github.netblock.loader.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.ingest.core.text.Printable;

/**
 * One failure an update_by_query reports: a document that could not be written (the pipeline failed
 * on it, a mapping refused a value; {@code index} and {@code id} set) or a search failure of a shard
 * ({@code id} null).
 *
 * @param status the HTTP status of the failure, 0 when not given
 * @param reason the cause's reason, e.g. {@code field [source.ip] value [x] is not an IP address}
 */
public record DocumentFailure(String index, String id, int status, String reason) {

    /** One element of a task response's {@code failures}: bulk failures and search failures have different shapes. */
    static DocumentFailure of(JsonNode f) {
        if (f.has("id")) {
            return new DocumentFailure(text(f, "index"), text(f, "id"), f.path("status").asInt(0), reason(f.path("cause")));
        }
        // a search failure: {"shard": 0, "index": "x", "node": "...", "reason": {"type": ..., "reason": ...}}
        return new DocumentFailure(text(f, "index"), null, f.path("status").asInt(0), reason(f.path("reason")));
    }

    private static String text(JsonNode o, String name) {
        return o.hasNonNull(name) ? o.get(name).asText() : null;
    }

    /** The innermost reason: an ingest failure wraps the processor's exception. */
    static String reason(JsonNode cause) {
        if (cause.isTextual()) {
            return cause.asText();
        }
        String reason = cause.path("reason").asText(cause.path("type").asText("unknown"));
        JsonNode inner = cause.path("caused_by");
        if (inner.isObject() && inner.hasNonNull("reason") && !reason.contains(inner.get("reason").asText())) {
            return reason + " (" + inner.get("reason").asText() + ")";
        }
        return reason;
    }

    /** For the report: {@code index/id: reason}, printable. */
    public String describe() {
        String where = id == null ? (index == null ? "search" : index + " (search)") : (index == null ? "" : index + "/") + id;
        return Printable.escape(where + ": " + reason);
    }
}
