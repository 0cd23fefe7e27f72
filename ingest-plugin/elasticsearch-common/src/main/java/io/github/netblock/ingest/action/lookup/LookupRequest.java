package io.github.netblock.ingest.action.lookup;

import static org.elasticsearch.action.ValidateActions.addValidationError;

import io.github.netblock.ingest.core.node.NodeLookup;
import java.io.IOException;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;

/** The address to investigate and the database to ask. */
public final class LookupRequest extends ActionRequest {
    private final String ip;
    private final String database;

    public LookupRequest(String ip, String database) {
        this.ip = ip;
        this.database = database;
    }

    public LookupRequest(StreamInput in) throws IOException {
        super(in);
        ip = in.readString();
        database = in.readString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(ip);
        out.writeString(database);
    }

    public String ip() {
        return ip;
    }

    public String database() {
        return database;
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException e = null;
        for (String error : NodeLookup.requestErrors(ip, database)) {
            e = addValidationError(error, e);
        }
        return e;
    }
}
