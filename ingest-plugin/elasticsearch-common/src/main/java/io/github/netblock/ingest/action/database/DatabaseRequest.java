package io.github.netblock.ingest.action.database;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;

/**
 * A request of the cluster-database API or between nodes: plain values (the core's
 * {@link io.github.netblock.ingest.core.cluster.ClusterDatabases} reads them), chunks as byte arrays.
 */
public final class DatabaseRequest extends ActionRequest {
    private final Map<String, Object> body;

    public DatabaseRequest(Map<String, Object> body) {
        this.body = body;
    }

    public DatabaseRequest(StreamInput in) throws IOException {
        super(in);
        body = in.readGenericMap();
    }

    public Map<String, Object> body() {
        return body;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeGenericMap(body);
    }

    @Override
    public ActionRequestValidationException validate() {
        return null; // the core checks every value and names it
    }
}
