package io.github.netblock.loader.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.ingest.core.cluster.StoredVersion;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Publishes a database into the cluster ({@code publish --es}): the same safety check as a folder publish
 * against the cluster's current version, then the file in chunks of {@value #CHUNK_SIZE} bytes (a REST body
 * stays far below {@code http.max_content_length}; the file is read chunk by chunk, never whole), then the
 * publish, which the node answers once every node serves the new version or said why not. The later chunks and
 * the publish name the node that took the first chunk ({@code node=}), so that a load balancer in front of the
 * cluster cannot split an upload: whichever node receives them sends them there.
 */
public final class ClusterPublisher {
    public static final int CHUNK_SIZE = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A publish waits for every node to fetch and check the file. */
    private static final int PUBLISH_TIMEOUT_MILLIS = 15 * 60 * 1000;

    private final RestClient rest;
    private final String name;

    public ClusterPublisher(RestClient rest, String name) {
        if (!Publisher.isValidName(name)) {
            throw new IllegalArgumentException("database name [" + name + "] may hold letters, digits, - and _ only");
        }
        this.rest = rest;
        this.name = name;
    }

    /** What the cluster answered: the version, and each node's status ({@code active}, {@code overridden} or {@code failed} with a reason). */
    public record Published(long generation, String sha256, long blocks, long previousBlocks, Map<String, NodeStatus> nodes) {
        /** The nodes that do not serve the version, with their reasons. */
        public List<String> failures() {
            List<String> out = new ArrayList<>();
            nodes.forEach((node, s) -> {
                if (s.status().equals("failed")) {
                    out.add(node + ": " + s.reason());
                }
            });
            return out;
        }
    }

    public record NodeStatus(String status, String reason) {}

    /** The cluster's current version of the name ({@code GET _netblock/database/NAME}), or null when it has none. */
    public JsonNode current() throws IOException {
        try {
            JsonNode body = json(rest.performRequest(new Request("GET", "/_netblock/database/" + name)));
            JsonNode current = body.path("databases").path(name).path("current");
            return current.isMissingNode() || current.path("deleted").asBoolean() ? null : current;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404 && isOurs404(e)) {
                return null;
            }
            throw e;
        }
    }

    /** A 404 of the API (no such database), not of a node without the plugin (no such endpoint). */
    private static boolean isOurs404(ResponseException e) throws IOException {
        String body = EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8);
        if (body.contains("resource_not_found_exception")) {
            return true;
        }
        throw new IOException("the cluster does not know _netblock/database: is the ingest-netblock plugin (of this version) installed on the node? ("
                + e.getResponse().getStatusLine() + ")");
    }

    public Published publish(Path database, double maxDrop) throws IOException {
        long blocks;
        try (NetblockDatabase db = NetblockDatabase.open(database, OpenOptions.DEFAULT)) {
            blocks = db.blockCount();
        }
        JsonNode current = current();
        long previousBlocks = current == null ? -1 : current.path("blocks").asLong(-1);
        if (previousBlocks > 0 && blocks < previousBlocks * (1 - maxDrop)) {
            throw new Publisher.RefusedException(String.format(Locale.ROOT,
                    "%s has %,d blocks, %.0f%% fewer than the %,d of the cluster's database [%s] (generation %d, limit %.0f%%); nothing was published, "
                            + "use --force to publish anyway",
                    database, blocks, 100.0 * (previousBlocks - blocks) / previousBlocks, previousBlocks, name,
                    current.path("generation").asLong(), 100 * maxDrop));
        }
        String sha256 = StoredVersion.sha256Of(database); // the same digest the nodes check the upload with
        long size = Files.size(database);
        String uploadId = UUID.randomUUID().toString().replace("-", "");
        byte[] buf = new byte[CHUNK_SIZE];
        String holder = null; // the node that took the first chunk: later requests name it, so a load balancer cannot split the upload
        try (InputStream in = Files.newInputStream(database)) {
            long offset = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                ObjectNode body = JSON.createObjectNode();
                body.put("data", Base64.getEncoder().encodeToString(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n)));
                Request r = new Request("PUT", "/_netblock/database/" + name + "/_upload/" + uploadId);
                r.addParameter("offset", Long.toString(offset));
                if (holder != null) {
                    r.addParameter("node", holder);
                }
                r.setEntity(new NByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
                JsonNode answer = json(rest.performRequest(r));
                if (holder == null) {
                    holder = answer.path("node_id").asText(null);
                }
                offset += n;
            }
        }
        ObjectNode publish = JSON.createObjectNode();
        publish.put("upload_id", uploadId);
        publish.put("sha256", sha256);
        publish.put("size", size);
        Request r = new Request("POST", "/_netblock/database/" + name + "/_publish");
        if (holder != null) {
            r.addParameter("node", holder);
        }
        r.setEntity(new NByteArrayEntity(JSON.writeValueAsBytes(publish), ContentType.APPLICATION_JSON));
        r.setOptions(longRequest());
        JsonNode answer = json(rest.performRequest(r));
        return published(answer, blocks, previousBlocks);
    }

    /** {@code POST _netblock/database/NAME/_rollback}: the newest kept version with another file serves again. */
    public Published rollback() throws IOException {
        Request r = new Request("POST", "/_netblock/database/" + name + "/_rollback");
        r.setOptions(longRequest());
        JsonNode answer = json(rest.performRequest(r));
        return published(answer, answer.path("version").path("blocks").asLong(), -1);
    }

    private static RequestOptions longRequest() {
        return RequestOptions.DEFAULT.toBuilder().setRequestConfig(RequestConfig.custom().setSocketTimeout(PUBLISH_TIMEOUT_MILLIS).build()).build();
    }

    private static Published published(JsonNode answer, long blocks, long previousBlocks) {
        Map<String, NodeStatus> nodes = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = answer.path("nodes").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            nodes.put(e.getKey(), new NodeStatus(e.getValue().path("status").asText(), e.getValue().path("reason").asText(null)));
        }
        JsonNode v = answer.path("version");
        return new Published(v.path("generation").asLong(), v.path("sha256").asText(), blocks, previousBlocks, nodes);
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8));
    }
}
