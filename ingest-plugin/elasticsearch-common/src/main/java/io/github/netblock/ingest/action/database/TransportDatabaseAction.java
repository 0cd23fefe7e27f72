package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.cluster.ClusterDatabases;
import io.github.netblock.ingest.core.cluster.DatabaseApi;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;

/**
 * Runs one of the {@link DatabaseApi.Action}s on the generic thread pool (uploads, checks and fetches read and
 * write files): on this node through the core's {@link DatabaseApi#handle}, or on the node that holds the upload
 * it belongs to ({@link DatabaseApi#forwardTo}), sent there as the same action in the user's name.
 */
public abstract class TransportDatabaseAction extends HandledTransportAction<DatabaseRequest, MapResponse> {
    private final DatabaseApi.Action action;
    private final ClusterNode node;

    TransportDatabaseAction(DatabaseApi.Action action, TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
        super(action.transportName(), transportService, actionFilters, DatabaseRequest::new, transportService.getThreadPool().generic());
        this.action = action;
        this.node = node;
        node.bind(transportService);
    }

    @Override
    protected void doExecute(Task task, DatabaseRequest request, ActionListener<MapResponse> listener) {
        try {
            String target = DatabaseApi.forwardTo(action, request.body(), node.local());
            if (target != null) {
                node.forward(target, action, request, listener);
                return;
            }
            listener.onResponse(new MapResponse(DatabaseApi.handle(node.cluster(), action, request.body())));
        } catch (ClusterDatabases.NotFoundException e) {
            listener.onFailure(new ResourceNotFoundException(e.getMessage()));
        } catch (Exception e) {
            listener.onFailure(e);
        }
    }
}
