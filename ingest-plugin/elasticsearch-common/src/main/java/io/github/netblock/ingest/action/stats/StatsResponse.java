package io.github.netblock.ingest.action.stats;

import io.github.netblock.ingest.core.node.NodeStats.NodeAnswer;
import io.github.netblock.ingest.core.node.NodeStats.NodeFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.FailedNodeException;
import org.elasticsearch.action.support.nodes.BaseNodeResponse;
import org.elasticsearch.action.support.nodes.BaseNodesResponse;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.cluster.node.DiscoveryNode;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;

/** The stats of every node that answered, keyed by node id, plus the failures. */
public final class StatsResponse extends BaseNodesResponse<StatsResponse.NodeStats> implements ToXContentObject {

    public StatsResponse(ClusterName clusterName, List<NodeStats> nodes, List<FailedNodeException> failures) {
        super(clusterName, nodes, failures);
    }

    @Override
    protected List<NodeStats> readNodesFrom(StreamInput in) throws IOException {
        return in.readCollectionAsList(NodeStats::new);
    }

    @Override
    protected void writeNodesTo(StreamOutput out, List<NodeStats> nodes) throws IOException {
        out.writeCollection(nodes);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        List<NodeAnswer> answers = new ArrayList<>();
        for (NodeStats n : getNodes()) {
            answers.add(new NodeAnswer(n.getNode().getId(), n.getNode().getName(), n.stats()));
        }
        List<NodeFailure> failed = new ArrayList<>();
        for (FailedNodeException f : failures()) {
            failed.add(new NodeFailure(f.nodeId(), f.getMessage()));
        }
        return builder.map(io.github.netblock.ingest.core.node.NodeStats.clusterBody(getClusterName().value(), answers, failed));
    }

    /** One node's answer: a map of plain values so that it crosses the wire as it is. */
    public static final class NodeStats extends BaseNodeResponse {
        private final Map<String, Object> stats;

        public NodeStats(DiscoveryNode node, Map<String, Object> stats) {
            super(node);
            this.stats = stats;
        }

        public NodeStats(StreamInput in) throws IOException {
            super(in);
            stats = in.readGenericMap();
        }

        public Map<String, Object> stats() {
            return stats;
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            super.writeTo(out);
            out.writeGenericMap(stats);
        }
    }
}
