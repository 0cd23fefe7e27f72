package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.cluster.ClusterDatabases;
import io.github.netblock.ingest.core.cluster.DatabaseApi;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Runs one of the {@link DatabaseApi.Action}s on the generic thread pool (uploads, checks and fetches read and
 * write files, and publishing waits for the other nodes): on this node through the core's {@link DatabaseApi#handle},
 * or on the node that holds the upload it belongs to ({@link DatabaseApi#forwardTo}), sent there as the same action
 * in the user's name.
 */
public abstract class TransportDatabaseAction extends HandledTransportAction<DatabaseRequest, MapResponse> {
    private final DatabaseApi.Action action;
    private final ClusterNode node;
    private final ExecutorService generic;

    TransportDatabaseAction(DatabaseApi.Action action, TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
        super(action.transportName(), transportService, actionFilters, DatabaseRequest::new, ThreadPool.Names.GENERIC);
        this.action = action;
        this.node = node;
        this.generic = transportService.getThreadPool().generic();
        node.bind(transportService);
    }

    @Override
    protected void doExecute(Task task, DatabaseRequest request, ActionListener<MapResponse> listener) {
        // Unlike Elasticsearch's, OpenSearch's transport action runs a request of this node (REST) on the caller's
        // thread, a network thread, which must not read files nor wait for other nodes: the executor given to the
        // constructor only serves requests from other nodes. The generic pool keeps the caller's thread context.
        try {
            generic.execute(() -> run(request, listener));
        } catch (RejectedExecutionException e) {
            listener.onFailure(e); // the node is shutting down
        }
    }

    private void run(DatabaseRequest request, ActionListener<MapResponse> listener) {
        try {
            String target = DatabaseApi.forwardTo(action, request.body(), node.local());
            if (target != null) {
                node.forward(target, action, request, listener);
                return;
            }
            listener.onResponse(new MapResponse(DatabaseApi.handle(node.cluster(), action, request.body())));
        } catch (ClusterDatabases.NotFoundException e) {
            listener.onFailure(new ResourceNotFoundException("{}", e.getMessage())); // a 404, the message as it is
        } catch (Exception e) {
            listener.onFailure(e);
        }
    }
}
