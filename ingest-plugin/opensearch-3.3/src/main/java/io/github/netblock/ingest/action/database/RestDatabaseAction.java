package io.github.netblock.ingest.action.database;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.transport.client.node.NodeClient;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.core.xcontent.XContentParser;

/**
 * The cluster-database API:
 * <pre>
 * GET    _netblock/database[/{name}]                         names, versions, sizes, checksums, dates, nodes
 * PUT    _netblock/database/{name}/_upload/{id}?offset=N     {"data": base64 chunk}
 * POST   _netblock/database/{name}/_publish                  {"upload_id", "sha256", "size"}
 * POST   _netblock/database/{name}/_rollback
 * DELETE _netblock/database/{name}
 * </pre>
 */
public final class RestDatabaseAction extends BaseRestHandler {
    @Override
    public String getName() {
        return "netblock_database_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/_netblock/database"),
                new Route(RestRequest.Method.GET, "/_netblock/database/{name}"),
                new Route(RestRequest.Method.PUT, "/_netblock/database/{name}/_upload/{upload_id}"),
                new Route(RestRequest.Method.POST, "/_netblock/database/{name}/_publish"),
                new Route(RestRequest.Method.POST, "/_netblock/database/{name}/_rollback"),
                new Route(RestRequest.Method.DELETE, "/_netblock/database/{name}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        String name = request.param("name");
        if (name != null) {
            body.put("name", name);
        }
        var action = DatabaseActions.GET;
        String path = request.path();
        if (request.method() == RestRequest.Method.DELETE) {
            action = DatabaseActions.DELETE;
        } else if (request.method() == RestRequest.Method.PUT) {
            action = DatabaseActions.PUT;
            body.put("op", "upload");
            body.put("upload_id", request.param("upload_id"));
            body.put("offset", request.param("offset", "0"));
            body.put("data", chunk(request));
        } else if (path.endsWith("/_publish")) {
            action = DatabaseActions.PUT;
            body.put("op", "publish");
            Map<String, Object> content = content(request);
            for (String key : List.of("upload_id", "sha256", "size")) {
                body.put(key, content.get(key));
            }
        } else if (path.endsWith("/_rollback")) {
            action = DatabaseActions.PUT;
            body.put("op", "rollback");
        }
        var chosen = action;
        return channel -> client.execute(chosen, new DatabaseRequest(body), new RestToXContentListener<>(channel));
    }

    private static Map<String, Object> content(RestRequest request) throws IOException {
        if (!request.hasContent()) {
            throw new IllegalArgumentException("a body with upload_id, sha256 and size is required");
        }
        try (XContentParser parser = request.contentParser()) {
            return parser.map();
        }
    }

    private static byte[] chunk(RestRequest request) throws IOException {
        Object data = content(request).get("data");
        if (!(data instanceof String text)) {
            throw new IllegalArgumentException("the body must be {\"data\": \"<the chunk in base64>\"}");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[data] is not base64: " + e.getMessage());
        }
    }
}
