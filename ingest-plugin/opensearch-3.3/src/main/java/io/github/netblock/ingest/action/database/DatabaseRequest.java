package io.github.netblock.ingest.action.database;

import java.io.IOException;
import java.util.Map;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

/**
 * A request of the cluster-database API or between nodes: plain values (the core's
 * {@link io.github.netblock.ingest.core.cluster.ClusterDatabases} reads them), chunks as byte arrays
 * (OpenSearch's generic map carries them as they are).
 */
public final class DatabaseRequest extends ActionRequest {
    private final Map<String, Object> body;

    public DatabaseRequest(Map<String, Object> body) {
        this.body = body;
    }

    public DatabaseRequest(StreamInput in) throws IOException {
        super(in);
        body = in.readMap();
    }

    public Map<String, Object> body() {
        return body;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeMap(body);
    }

    @Override
    public ActionRequestValidationException validate() {
        return null; // the core checks every value and names it
    }
}
