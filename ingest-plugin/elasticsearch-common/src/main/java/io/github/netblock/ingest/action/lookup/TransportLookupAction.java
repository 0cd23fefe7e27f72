package io.github.netblock.ingest.action.lookup;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeLookup;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;

/** Answers a lookup from this node's copy of the database ({@link NodeLookup}). */
public final class TransportLookupAction extends HandledTransportAction<LookupRequest, MapResponse> {
    private final DatabaseRegistry registry;

    @Inject
    public TransportLookupAction(TransportService transportService, ActionFilters actionFilters, DatabaseRegistry registry) {
        super(LookupAction.NAME, transportService, actionFilters, LookupRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
        this.registry = registry;
    }

    @Override
    protected void doExecute(Task task, LookupRequest request, ActionListener<MapResponse> listener) {
        MapResponse response;
        try {
            response = new MapResponse(NodeLookup.answer(registry, request.ip(), request.database()));
        } catch (NodeLookup.DatabaseNotLoadedException e) {
            listener.onFailure(new ResourceNotFoundException(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            listener.onFailure(e);
            return;
        }
        listener.onResponse(response);
    }
}
