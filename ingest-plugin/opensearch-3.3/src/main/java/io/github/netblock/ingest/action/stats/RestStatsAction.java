package io.github.netblock.ingest.action.stats;

import java.util.List;
import org.opensearch.core.common.Strings;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;

/** {@code GET _netblock/stats} and {@code GET _netblock/stats/{node_id}}. */
public final class RestStatsAction extends BaseRestHandler {
    @Override
    public String getName() {
        return "netblock_stats_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/_netblock/stats"), new Route(RestRequest.Method.GET, "/_netblock/stats/{node_id}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        String[] nodes = Strings.splitStringByCommaToArray(request.param("node_id"));
        return channel -> client.execute(StatsAction.INSTANCE, new StatsRequest(nodes), new RestToXContentListener<>(channel));
    }
}
