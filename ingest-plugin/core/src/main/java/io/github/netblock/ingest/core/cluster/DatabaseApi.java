package io.github.netblock.ingest.core.cluster;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster-database API as every platform serves it: the REST routes, the transport action each request
 * becomes, which node must answer it, and what that node does. An adapter only carries bytes: it parses the REST
 * content into a map, sends the {@link Call} as the {@link Action}'s transport action and hands the map to
 * {@link #handle}.
 *
 * <pre>
 * GET    _netblock/database[/{name}]                              names, versions, sizes, checksums, dates, nodes
 * PUT    _netblock/database/{name}/_upload/{id}?offset=N[&amp;node=ID]  {"data": base64 chunk}
 * POST   _netblock/database/{name}/_publish[?node=ID]             {"upload_id", "sha256", "size"}
 * POST   _netblock/database/{name}/_rollback
 * DELETE _netblock/database/{name}
 * </pre>
 *
 * <p>An upload lives on the node that took its first chunk; that node's id is in every upload answer
 * ({@code node_id}). A client that may reach another node next (a load balancer, several hosts) sends the later
 * chunks and the publish with {@code node=ID}, and whichever node receives them forwards them there, as the user
 * who sent them.
 */
public final class DatabaseApi {
    /** The transport actions, by name, so that security grants them by name. */
    public enum Action {
        /** Upload a chunk, publish an upload, roll back: {@code cluster:admin}, which {@code manage} covers. */
        PUT("cluster:admin/netblock/database/put"),
        /** Delete a name from the cluster. */
        DELETE("cluster:admin/netblock/database/delete"),
        /** {@code GET _netblock/database}: {@code monitor} covers it. */
        GET("cluster:monitor/netblock/database/get"),
        /** Catalog, chunk and fetch requests between nodes, sent with no user: they run as the system on each node. */
        PEER("internal:netblock/database/peer");

        private final String transportName;

        Action(String transportName) {
            this.transportName = transportName;
        }

        public String transportName() {
            return transportName;
        }
    }

    /** A REST route of the API. */
    public record Route(String method, String path) {}

    public static final List<Route> ROUTES = List.of(
            new Route("GET", "/_netblock/database"),
            new Route("GET", "/_netblock/database/{name}"),
            new Route("PUT", "/_netblock/database/{name}/_upload/{upload_id}"),
            new Route("POST", "/_netblock/database/{name}/_publish"),
            new Route("POST", "/_netblock/database/{name}/_rollback"),
            new Route("DELETE", "/_netblock/database/{name}"));

    /** A request's content as the platform parses it (a JSON object as a map); null when the request has none. */
    @FunctionalInterface
    public interface Content {
        Map<String, Object> read() throws IOException;
    }

    /** What a REST request asks: the action to run and its plain values (chunks as byte arrays). */
    public record Call(Action action, Map<String, Object> body) {}

    private DatabaseApi() {}

    /**
     * The call of a REST request of {@link #ROUTES}.
     *
     * @param param the request's path and query parameters by name (null when absent)
     */
    public static Call fromRest(String method, String path, Function<String, String> param, Content content) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        String name = param.apply("name");
        if (name != null) {
            body.put("name", name);
        }
        String node = param.apply("node");
        switch (method) {
            case "GET":
                return new Call(Action.GET, body);
            case "DELETE":
                return new Call(Action.DELETE, body);
            case "PUT":
                body.put("op", "upload");
                body.put("upload_id", param.apply("upload_id"));
                String offset = param.apply("offset");
                body.put("offset", offset == null ? "0" : offset);
                putIfPresent(body, "node", node);
                body.put("data", chunk(content.read()));
                return new Call(Action.PUT, body);
            case "POST":
                if (path.endsWith("/_publish")) {
                    body.put("op", "publish");
                    Map<String, Object> values = content.read();
                    if (values == null) {
                        throw new IllegalArgumentException("a body with upload_id, sha256 and size is required");
                    }
                    for (String key : List.of("upload_id", "sha256", "size")) {
                        body.put(key, values.get(key));
                    }
                    putIfPresent(body, "node", node);
                    return new Call(Action.PUT, body);
                }
                if (path.endsWith("/_rollback")) {
                    body.put("op", "rollback");
                    return new Call(Action.PUT, body);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("no netblock database API at [" + method + " " + path + "]");
    }

    private static void putIfPresent(Map<String, Object> body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.put(key, value.strip());
        }
    }

    private static byte[] chunk(Map<String, Object> content) {
        Object data = content == null ? null : content.get("data");
        if (!(data instanceof String text)) {
            throw new IllegalArgumentException("the body must be {\"data\": \"<the chunk in base64>\"}");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[data] is not base64: " + e.getMessage());
        }
    }

    /**
     * The node (id or name) that must answer this request, or null when it is this node: the chunks and the publish
     * of an upload go to the node that holds the upload (the {@code node_id} or {@code node} of the upload's answers).
     */
    public static String forwardTo(Action action, Map<String, Object> body, Peers.Node local) {
        Object node = body.get("node");
        if (action != Action.PUT || node == null || node.toString().equals(local.id()) || node.toString().equals(local.name())) {
            return null;
        }
        return node.toString();
    }

    /** The answer to a request that names a node the cluster no longer has. */
    public static IllegalArgumentException unknownNode(Map<String, Object> body) {
        return new IllegalArgumentException("node [" + body.get("node") + "], which holds upload [" + body.get("upload_id") + "] of database ["
                + body.get("name") + "], is not in the cluster (no node has that id or name): upload the database again");
    }

    /** What this node does with a request of {@code action}, through its {@link ClusterDatabases}. */
    public static Map<String, Object> handle(ClusterDatabases cluster, Action action, Map<String, Object> body) throws IOException {
        return switch (action) {
            case GET -> cluster.describe((String) body.get("name"));
            case DELETE -> cluster.delete(text(body, "name"));
            case PEER -> cluster.answerPeer(body);
            case PUT -> switch (text(body, "op")) {
                case "upload" -> {
                    if (body.containsKey("node") && number(body, "offset") > 0) {
                        checkUploadKept(cluster, body);
                    }
                    yield cluster.upload(text(body, "name"), text(body, "upload_id"), number(body, "offset"), bytes(body, "data"));
                }
                case "publish" -> {
                    if (body.containsKey("node")) {
                        checkUploadKept(cluster, body);
                    }
                    yield cluster.publish(text(body, "name"), text(body, "upload_id"), text(body, "sha256"), number(body, "size"));
                }
                case "rollback" -> cluster.rollback(text(body, "name"));
                default -> throw new IllegalArgumentException("unknown operation [" + body.get("op") + "]");
            };
        };
    }

    /** A request that names this node as the holder of its upload: the upload must still be here. */
    private static void checkUploadKept(ClusterDatabases cluster, Map<String, Object> body) throws IOException {
        if (!cluster.hasUpload(text(body, "name"), text(body, "upload_id"))) {
            throw new IllegalArgumentException("upload [" + body.get("upload_id") + "] of database [" + body.get("name") + "] is gone from node ["
                    + body.get("node") + "] (the node restarted, or nobody wrote to it for " + ClusterDatabases.ABANDONED.toMinutes()
                    + " minutes): upload the database again from offset 0");
        }
    }

    static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            throw new IllegalArgumentException("[" + key + "] is required");
        }
        return v.toString();
    }

    static long number(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(text(body, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[" + key + "] must be a number, not [" + v + "]");
        }
    }

    private static byte[] bytes(Map<String, Object> body, String key) {
        if (body.get(key) instanceof byte[] b) {
            return b;
        }
        throw new IllegalArgumentException("[" + key + "] is required: the chunk's bytes");
    }
}
