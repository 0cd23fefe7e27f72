package io.github.netblock.it.harness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

/**
 * Plain JSON over a node's low-level {@link ElasticsearchNode#restClient()}: the same requests to Elasticsearch 8.19,
 * 9.3 and OpenSearch 3.3, and the answers as Jackson trees. (The typed Elasticsearch client refuses every OpenSearch
 * answer: no {@code X-Elastic-Product} header.) A request the node refuses fails with a {@link Failed} that names the
 * method, path, status and body; {@link #refused} is for the requests a test expects to be refused.
 *
 * <p>It asks the node for its client at each request, so it keeps working across {@link ElasticsearchNode#restart()}.
 */
public final class Rest {
    /** Jackson as the tests use it: JSON numbers that fit become {@code Integer}, as the typed client gave them. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final ElasticsearchNode node;

    private Rest(ElasticsearchNode node) {
        this.node = node;
    }

    public static Rest of(ElasticsearchNode node) {
        return new Rest(node);
    }

    /** A request the node answered with an error status (4xx, 5xx): method, path, status and body in its message. */
    public static final class Failed extends IOException {
        private final int status;
        private final String body;

        Failed(String method, String path, int status, String body, ResponseException cause) {
            super(method + " " + path + " answered " + status + ": " + body, cause);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    /** An answer with an error status that a test asked for: its status and body. */
    public record Refusal(int status, String body) {}

    public JsonNode get(String path) throws IOException {
        return call("GET", path, null, null);
    }

    public JsonNode put(String path, String json) throws IOException {
        return call("PUT", path, json, ContentType.APPLICATION_JSON);
    }

    /** POST with a JSON body, or none when {@code json} is null. */
    public JsonNode post(String path, String json) throws IOException {
        return call("POST", path, json, json == null ? null : ContentType.APPLICATION_JSON);
    }

    /** Any method, with a JSON body or none (null). */
    public JsonNode call(String method, String path, String json) throws IOException {
        return call(method, path, json, json == null ? null : ContentType.APPLICATION_JSON);
    }

    /**
     * {@code POST /_bulk}: action and source lines (each action names its {@code _index}, and {@code pipeline} when it
     * has one); the answer, whose {@code errors} and {@code items} say what failed.
     */
    public JsonNode bulk(String ndjson) throws IOException {
        return bulk("/_bulk", ndjson);
    }

    /** A bulk request to another path, e.g. {@code /INDEX/_bulk?pipeline=P&refresh=true}. */
    public JsonNode bulk(String path, String ndjson) throws IOException {
        return call("POST", path, ndjson.endsWith("\n") ? ndjson : ndjson + "\n", NDJSON);
    }

    /** The body of {@code PUT _netblock/database/NAME/_upload/ID}: {@code length} bytes of {@code file} from {@code offset} (fewer at its end), in base64. */
    public static String uploadChunk(byte[] file, int offset, int length) {
        return "{\"data\":\"" + java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(file, offset, Math.min(file.length, offset + length))) + "\"}";
    }

    /** One line of a bulk body: the JSON of an object (a document or an action). */
    public static String line(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The failed items of a bulk answer, each as {@code <_id>: <error.reason>}, in request order; empty when every
     * item succeeded. The error object is the same on the three platforms ({@code type}, {@code reason}, ...).
     */
    public static List<String> bulkFailures(JsonNode bulkAnswer) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : bulkAnswer.path("items")) {
            JsonNode result = item.elements().next(); // {"index": {...}} / {"create": {...}}
            if (result.has("error")) {
                out.add(result.path("_id").asText() + ": " + result.at("/error/reason").asText(result.path("error").toString()));
            }
        }
        return out;
    }

    public void refresh(String index) throws IOException {
        post("/" + index + "/_refresh", null);
    }

    /** The number of documents of the index ({@code _count}). */
    public long count(String index) throws IOException {
        return countOf(get("/" + index + "/_count"), index);
    }

    /** The number of documents of the index that match the query (the JSON of a query, e.g. {@code {"term": {...}}}). */
    public long count(String index, String queryJson) throws IOException {
        return countOf(post("/" + index + "/_count", "{\"query\":" + queryJson + "}"), index);
    }

    private static long countOf(JsonNode answer, String index) {
        JsonNode count = answer.get("count");
        if (count == null || !count.canConvertToLong()) {
            throw new AssertionError("_count of " + index + " has no count: " + answer);
        }
        return count.asLong();
    }

    /** The {@code _source} of a document as a map (JSON integers as {@code Integer}, as the typed client gave them). */
    public Map<String, Object> source(String index, String id) throws IOException {
        JsonNode doc = get("/" + index + "/_doc/" + id);
        if (!doc.path("found").asBoolean() || !doc.has("_source")) {
            throw new AssertionError("document " + index + "/" + id + " not found: " + doc);
        }
        return JSON.convertValue(doc.get("_source"), new TypeReference<Map<String, Object>>() {});
    }

    /** The request must be refused (an error status): its status and body; an AssertionError naming the answer if not. */
    public Refusal refused(String method, String path, String json) throws IOException {
        try {
            JsonNode answer = call(method, path, json);
            throw new AssertionError(method + " " + path + " should have been refused, but answered: " + answer);
        } catch (Failed e) {
            return new Refusal(e.status(), e.body());
        }
    }

    private JsonNode call(String method, String path, String body, ContentType type) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new NStringEntity(body, type));
        }
        Response response;
        try {
            response = node.restClient().performRequest(request);
        } catch (ResponseException e) {
            Response r = e.getResponse();
            throw new Failed(method, path, r.getStatusLine().getStatusCode(), text(r.getEntity()), e);
        }
        String text = text(response.getEntity());
        try {
            return text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IOException(method + " " + path + " answered " + response.getStatusLine().getStatusCode() + " with a body that is not JSON: "
                    + text, e);
        }
    }

    private static String text(HttpEntity entity) throws IOException {
        return entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
    }
}
