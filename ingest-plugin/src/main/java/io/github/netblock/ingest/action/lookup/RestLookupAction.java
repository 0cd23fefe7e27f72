package io.github.netblock.ingest.action.lookup;

import io.github.netblock.ingest.database.DatabaseRegistry;
import java.util.List;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;

/** {@code GET _netblock/lookup/{ip}?database=NAME}. */
public final class RestLookupAction extends BaseRestHandler {
    @Override
    public String getName() {
        return "netblock_lookup_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/_netblock/lookup/{ip}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        LookupRequest lookup = new LookupRequest(request.param("ip"), request.param("database", DatabaseRegistry.DEFAULT));
        return channel -> client.execute(LookupAction.INSTANCE, lookup, new RestToXContentListener<>(channel));
    }
}
