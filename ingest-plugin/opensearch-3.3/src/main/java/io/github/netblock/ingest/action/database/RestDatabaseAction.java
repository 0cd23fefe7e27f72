package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.core.cluster.DatabaseApi;
import java.io.IOException;
import java.util.List;
import org.opensearch.transport.client.node.NodeClient;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.core.xcontent.XContentParser;

/** The cluster-database API of {@link DatabaseApi#ROUTES}: the core makes each request a {@link DatabaseApi.Call}. */
public final class RestDatabaseAction extends BaseRestHandler {
    @Override
    public String getName() {
        return "netblock_database_action";
    }

    @Override
    public List<Route> routes() {
        return DatabaseApi.ROUTES.stream().map(r -> new Route(RestRequest.Method.valueOf(r.method()), r.path())).toList();
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        DatabaseApi.Call call = DatabaseApi.fromRest(request.method().name(), request.path(), request::param, () -> {
            if (!request.hasContent()) {
                return null;
            }
            try (XContentParser parser = request.contentParser()) {
                return parser.map();
            }
        });
        var type = switch (call.action()) {
            case PUT -> DatabaseActions.PUT;
            case DELETE -> DatabaseActions.DELETE;
            case GET -> DatabaseActions.GET;
            case PEER -> DatabaseActions.PEER;
        };
        return channel -> client.execute(type, new DatabaseRequest(call.body()), new RestToXContentListener<>(channel));
    }
}
