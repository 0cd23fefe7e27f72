package io.github.netblock.ingest.action.stats;

import java.util.List;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.common.Strings;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;

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
