package io.github.netblock.ingest.core.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The other nodes of the cluster, as the platform's transport reaches them. Requests and answers are plain
 * maps (strings, numbers, booleans, lists, maps and byte arrays) that every platform's transport carries as
 * they are. The platform sends them as its own node-internal action, so that with security on they run as
 * the system and need no user's credentials.
 */
public interface Peers {
    /** A node of the cluster. */
    record Node(String id, String name) {}

    /** This node. */
    Node local();

    /** Every other node of the cluster as this node sees it now. */
    List<Node> others();

    /**
     * Sends a request to a node's {@link ClusterDatabases#answerPeer} and waits for its answer.
     *
     * @throws IOException when the node does not answer in time or answers with an error (the message says which)
     */
    Map<String, Object> call(Node node, Map<String, Object> request, Duration timeout) throws IOException;
}
