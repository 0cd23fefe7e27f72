package io.github.netblock.loader.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch requests of a backfill, through the low-level REST client: the pipeline's
 * definition, a count, the update_by_query started as a task, and the task's state. Every failure
 * names the server and what was asked; an input the operator has to fix (a pipeline or a task that
 * does not exist, an index pattern that matches nothing) is an {@link InvalidInputException}.
 */
public final class BackfillApi implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient rest;
    private final String url;

    /** @param url the server's address, for messages */
    public BackfillApi(RestClient rest, String url) {
        this.rest = rest;
        this.url = url;
    }

    public String url() {
        return url;
    }

    /** The definition of pipeline {@code name}: the object under its name in {@code GET _ingest/pipeline/NAME}. */
    public JsonNode pipeline(String name) throws IOException {
        Answer a = send("GET", "/_ingest/pipeline/" + encode(name), null, "reading pipeline " + name);
        if (a.status == 404) {
            throw new InvalidInputException("pipeline " + name + " does not exist in Elasticsearch at " + url
                    + " (GET _ingest/pipeline/" + name + ": 404); install it with netblock-loader setup, or name yours with --pipeline");
        }
        a.require(200, "reading pipeline " + name);
        return a.json.path(name);
    }

    /**
     * The number of documents of {@code index} that {@code query} matches.
     *
     * @throws InvalidInputException when {@code index} matches no index, alias or data stream
     */
    public long count(String index, ObjectNode query) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        Answer a = send("POST", "/" + encode(index) + "/_count?allow_no_indices=false", body, "counting the documents of " + index);
        if (a.status == 404) {
            throw new InvalidInputException("index pattern " + index + " matches no index, alias or data stream in Elasticsearch at " + url
                    + " (" + a.reason() + ")");
        }
        a.require(200, "counting the documents of " + index);
        return a.json.path("count").asLong();
    }

    /**
     * Starts {@code POST INDEX/_update_by_query?pipeline=P&conflicts=proceed&wait_for_completion=false} and
     * returns its task id ({@code node:id}).
     *
     * @param requestsPerSecond the throttle, or null for none
     * @param slices            {@code auto} or a number
     */
    public String startUpdateByQuery(String index, String pipeline, ObjectNode query, Float requestsPerSecond, String slices)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        String path = "/" + encode(index) + "/_update_by_query?pipeline=" + encode(pipeline) + "&conflicts=proceed&wait_for_completion=false"
                + "&requests_per_second=" + (requestsPerSecond == null ? "-1" : requestsPerSecond.toString())
                + "&slices=" + encode(slices);
        Answer a = send("POST", path, body, "starting update_by_query on " + index);
        if (a.status == 400 || a.status == 405) {
            String reason = a.reason();
            if (reason.contains("no handler found") || reason.contains("Incorrect HTTP method")) {
                throw new NoUpdateByQueryException("Elasticsearch at " + url + " has no _update_by_query (its reindex module is missing, "
                        + "as in the integ-test distribution): " + reason);
            }
        }
        a.require(200, "starting update_by_query on " + index + " through pipeline " + pipeline);
        String task = a.json.path("task").asText("");
        if (task.isEmpty()) {
            throw new IOException("Elasticsearch at " + url + " started update_by_query on " + index + " but named no task: "
                    + Printable.value(a.json.toString()));
        }
        return task;
    }

    /**
     * The state of task {@code taskId}, running or finished (Elasticsearch keeps the result of a task
     * started with {@code wait_for_completion=false} in its {@code .tasks} index).
     */
    public TaskStatus task(String taskId) throws IOException {
        Answer a = send("GET", "/_tasks/" + encode(taskId), null, "reading task " + taskId);
        if (a.status == 404) {
            throw new InvalidInputException("task " + taskId + " does not exist in Elasticsearch at " + url + " (" + a.reason() + ")");
        }
        a.require(200, "reading task " + taskId);
        return TaskStatus.parse(a.json);
    }

    /**
     * The first page of a scroll over the documents of {@code index} that {@code query} matches, in index
     * order, with each hit's sequence number and primary term (to write it back only if unchanged).
     */
    public JsonNode openScroll(String index, ObjectNode query, int size) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", size);
        body.set("query", query);
        body.put("seq_no_primary_term", true);
        body.put("track_total_hits", true);
        body.putArray("sort").add("_doc");
        Answer a = send("POST", "/" + encode(index) + "/_search?scroll=" + SCROLL_KEEP_ALIVE, body, "searching " + index);
        a.require(200, "searching " + index);
        return a.json;
    }

    /** The next page of a scroll. */
    public JsonNode nextScroll(String scrollId) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("scroll", SCROLL_KEEP_ALIVE);
        body.put("scroll_id", scrollId);
        Answer a = send("POST", "/_search/scroll", body, "reading the next page");
        a.require(200, "reading the next page of the search");
        return a.json;
    }

    /** Frees a scroll (it would expire anyway after {@value #SCROLL_KEEP_ALIVE}). */
    public void clearScroll(String scrollId) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("scroll_id", scrollId);
        send("DELETE", "/_search/scroll", body, "freeing the search");
    }

    /** {@code POST _bulk?pipeline=P} with {@code ndjson}; the answer with its items. */
    public JsonNode bulk(String pipeline, String ndjson) throws IOException {
        Request request = new Request("POST", "/_bulk?pipeline=" + encode(pipeline));
        request.setEntity(new NStringEntity(ndjson, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        Answer a = send(request, "writing documents through pipeline " + pipeline);
        a.require(200, "writing documents through pipeline " + pipeline);
        return a.json;
    }

    /** How long a scroll is kept between pages. */
    static final String SCROLL_KEEP_ALIVE = "5m";

    /** The request that cancels a task, for the operator. */
    public String cancelCommand(String taskId) {
        return "curl -X POST '" + url.replaceAll("/+$", "") + "/_tasks/" + taskId + "/_cancel'";
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    private static String encode(String s) {
        // commas and wildcards are the index pattern's own syntax
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",").replace("%2A", "*").replace("%3A", ":");
    }

    private Answer send(String method, String path, ObjectNode body, String what) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new NStringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
        }
        return send(request, what);
    }

    private Answer send(Request request, String what) throws IOException {
        Response response;
        try {
            response = rest.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        } catch (ConnectException e) {
            throw new IOException("cannot reach Elasticsearch at " + url + ": " + (e.getMessage() == null ? "connection refused" : e.getMessage()), e);
        }
        int status = response.getStatusLine().getStatusCode();
        JsonNode json = read(response.getEntity());
        Answer a = new Answer(status, json == null ? JSON.createObjectNode() : json);
        if (status == 401 || status == 403) {
            throw new IOException("Elasticsearch at " + url + " refused the credentials (HTTP " + status + ") " + what + ": " + a.reason());
        }
        return a;
    }

    private static JsonNode read(HttpEntity entity) {
        if (entity == null) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            return null; // not JSON: the status says enough
        }
    }

    /** The cluster cannot run update_by_query: its reindex module is missing. */
    public static final class NoUpdateByQueryException extends IOException {
        NoUpdateByQueryException(String message) {
            super(message);
        }
    }

    private final class Answer {
        final int status;
        final JsonNode json;

        Answer(int status, JsonNode json) {
            this.status = status;
            this.json = json;
        }

        String reason() {
            JsonNode error = json.path("error");
            if (error.isTextual()) {
                return Printable.value(error.asText());
            }
            JsonNode root = error.path("root_cause").path(0);
            String reason = root.path("reason").asText(error.path("reason").asText(""));
            return reason.isEmpty() ? "HTTP " + status : Printable.value(reason);
        }

        void require(int expected, String what) throws IOException {
            if (status != expected) {
                throw new IOException("Elasticsearch at " + url + " refused " + what + " (HTTP " + status + "): " + reason());
            }
        }
    }
}
