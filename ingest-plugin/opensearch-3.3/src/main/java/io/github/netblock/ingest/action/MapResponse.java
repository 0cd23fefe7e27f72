package io.github.netblock.ingest.action;

import java.io.IOException;
import java.util.Map;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/** An answer of this plugin's actions (a lookup, the cluster databases, another node) as plain values, shown as they are in the REST body. */
public final class MapResponse extends ActionResponse implements ToXContentObject {
    private final Map<String, Object> body;

    public MapResponse(Map<String, Object> body) {
        this.body = body;
    }

    public MapResponse(StreamInput in) throws IOException {
        super(in);
        body = in.readMap();
    }

    public Map<String, Object> body() {
        return body;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeMap(body);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.map(body);
    }
}
