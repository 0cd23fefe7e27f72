package io.github.netblock.ingest.action.lookup;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.util.List;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;

/**
 * {@code GET _netblock/lookup/{ip}?database=NAME}; also {@code POST}, and {@code _netblock/lookup?ip=}
 * so that a request without an address gets a 400 that says what is missing, not a 405.
 */
public final class RestLookupAction extends BaseRestHandler {
    @Override
    public String getName() {
        return "netblock_lookup_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/_netblock/lookup/{ip}"),
                new Route(RestRequest.Method.POST, "/_netblock/lookup/{ip}"),
                new Route(RestRequest.Method.GET, "/_netblock/lookup"),
                new Route(RestRequest.Method.POST, "/_netblock/lookup"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        LookupRequest lookup = new LookupRequest(request.param("ip", ""), request.param("database", DatabaseRegistry.DEFAULT));
        return channel -> client.execute(LookupAction.INSTANCE, lookup, new RestToXContentListener<>(channel));
    }
}
