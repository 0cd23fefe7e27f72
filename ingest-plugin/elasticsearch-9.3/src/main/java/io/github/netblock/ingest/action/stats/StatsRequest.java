package io.github.netblock.ingest.action.stats;

import java.io.IOException;
import org.elasticsearch.action.support.nodes.BaseNodesRequest;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.transport.AbstractTransportRequest;

/** Stats of the given nodes (all when none are named). */
public final class StatsRequest extends BaseNodesRequest {
    public StatsRequest(String... nodeIds) {
        super(nodeIds);
    }

    /** What is sent to each node: nothing but the question. */
    public static final class NodeRequest extends AbstractTransportRequest {
        public NodeRequest() {}

        public NodeRequest(StreamInput in) throws IOException {
            super(in);
        }
    }
}
