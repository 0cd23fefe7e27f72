package io.github.netblock.ingest.action.stats;

import io.github.netblock.ingest.action.database.ClusterNode;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeStats;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/** Collects each node's databases (build, data date, sources, counts, checksum, age) and counters. */
public final class TransportStatsAction extends TransportNodesAction<StatsRequest, StatsResponse, StatsRequest.NodeRequest,
        StatsResponse.NodeStats> {
    private final DatabaseRegistry registry;
    private final ClusterNode clusterNode;

    @Inject
    public TransportStatsAction(ThreadPool threadPool, ClusterService clusterService, TransportService transportService,
                                ActionFilters actionFilters, DatabaseRegistry registry, ClusterNode clusterNode) {
        super(StatsAction.NAME, threadPool, clusterService, transportService, actionFilters, StatsRequest::new,
                StatsRequest.NodeRequest::new, ThreadPool.Names.MANAGEMENT, StatsResponse.NodeStats.class);
        this.registry = registry;
        this.clusterNode = clusterNode;
    }

    @Override
    protected StatsResponse newResponse(StatsRequest request, List<StatsResponse.NodeStats> nodes, List<FailedNodeException> failures) {
        return new StatsResponse(clusterService.getClusterName(), nodes, failures);
    }

    @Override
    protected StatsRequest.NodeRequest newNodeRequest(StatsRequest request) {
        return new StatsRequest.NodeRequest();
    }

    @Override
    protected StatsResponse.NodeStats newNodeResponse(StreamInput in) throws IOException {
        return new StatsResponse.NodeStats(in);
    }

    @Override
    protected StatsResponse.NodeStats nodeOperation(StatsRequest.NodeRequest request) {
        Map<String, Object> stats = NodeStats.of(registry, Instant.now());
        stats.put("cluster_databases", clusterNode.cluster().localStatus()); // what this node keeps from the cluster, and why a version is not served
        return new StatsResponse.NodeStats(clusterService.localNode(), stats);
    }
}
