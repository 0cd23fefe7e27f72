package io.github.netblock.ingest.action.lookup;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.schema.LookupView;
import io.github.netblock.ingest.core.database.DatabaseLease;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;

/** Answers a lookup from this node's copy of the database: every block containing the IP, narrowest first. */
public final class TransportLookupAction extends HandledTransportAction<LookupRequest, LookupResponse> {
    private final DatabaseRegistry registry;

    @Inject
    public TransportLookupAction(TransportService transportService, ActionFilters actionFilters, DatabaseRegistry registry) {
        super(LookupAction.NAME, transportService, actionFilters, LookupRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
        this.registry = registry;
    }

    @Override
    protected void doExecute(Task task, LookupRequest request, ActionListener<LookupResponse> listener) {
        IpAddress ip;
        try {
            ip = IpAddress.parse(Values.trimSpaces(request.ip()));
        } catch (InvalidIpException e) {
            listener.onFailure(new IllegalArgumentException("[" + Values.shorten(request.ip()) + "] is not an IP address"));
            return;
        }
        try (DatabaseLease lease = registry.acquire(request.database())) {
            if (lease == null) {
                listener.onFailure(new ResourceNotFoundException("netblock database [" + request.database() + "] is not loaded on this node"));
                return;
            }
            LookupView.View view = LookupView.of(lease.database(), ip);
            lease.counters().lookup(view.hit());
            listener.onResponse(new LookupResponse(body(request, lease, view)));
        } catch (RuntimeException | InternalError e) {
            // an InternalError is how the JVM reports a fault while reading a mapping: it fails this request, not the node
            listener.onFailure(new IllegalStateException("netblock database [" + request.database() + "] could not be read: "
                    + e.getMessage(), e));
        }
    }

    static Map<String, Object> body(LookupRequest request, DatabaseLease lease, LookupView.View view) {
        Map<String, Object> body = new LinkedHashMap<>(view.body());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", body.remove("ip"));
        out.put("database", request.database());
        out.put("database_stale", lease.isStale());
        out.putAll(body);
        return out;
    }
}
