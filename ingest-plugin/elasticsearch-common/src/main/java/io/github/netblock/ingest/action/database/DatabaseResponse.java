package io.github.netblock.ingest.action.database;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;

/** The answer of the cluster-database API or of another node, as plain values. */
public final class DatabaseResponse extends ActionResponse implements ToXContentObject {
    private final Map<String, Object> body;

    public DatabaseResponse(Map<String, Object> body) {
        this.body = body;
    }

    public DatabaseResponse(StreamInput in) throws IOException {
        body = in.readGenericMap();
    }

    public Map<String, Object> body() {
        return body;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeGenericMap(body);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.map(body);
    }
}
