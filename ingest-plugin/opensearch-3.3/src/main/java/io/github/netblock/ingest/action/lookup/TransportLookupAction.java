package io.github.netblock.ingest.action.lookup;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeLookup;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;

/** Answers a lookup from this node's copy of the database ({@link NodeLookup}). */
public final class TransportLookupAction extends HandledTransportAction<LookupRequest, MapResponse> {
    private final DatabaseRegistry registry;

    @Inject
    public TransportLookupAction(TransportService transportService, ActionFilters actionFilters, DatabaseRegistry registry) {
        super(LookupAction.NAME, transportService, actionFilters, LookupRequest::new);
        this.registry = registry;
    }

    @Override
    protected void doExecute(Task task, LookupRequest request, ActionListener<MapResponse> listener) {
        MapResponse response;
        try {
            response = new MapResponse(NodeLookup.answer(registry, request.ip(), request.database()));
        } catch (NodeLookup.DatabaseNotLoadedException e) {
            listener.onFailure(new ResourceNotFoundException("{}", e.getMessage()));
            return;
        } catch (RuntimeException e) {
            listener.onFailure(e);
            return;
        }
        listener.onResponse(response);
    }
}
