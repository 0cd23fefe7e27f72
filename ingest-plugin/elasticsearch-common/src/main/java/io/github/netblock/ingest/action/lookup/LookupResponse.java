package io.github.netblock.ingest.action.lookup;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;

/** Everything the database knows about one address, as the REST body shows it. */
public final class LookupResponse extends ActionResponse implements ToXContentObject {
    private final Map<String, Object> body;

    public LookupResponse(Map<String, Object> body) {
        this.body = body;
    }

    public LookupResponse(StreamInput in) throws IOException {
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
