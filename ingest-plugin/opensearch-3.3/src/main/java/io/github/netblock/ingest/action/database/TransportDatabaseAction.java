package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.core.cluster.ClusterDatabases;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Runs one of the {@link DatabaseActions} on the node that received it, on the generic thread pool (uploads,
 * checks and fetches read and write files, and publishing waits for the other nodes); what it does is the core's
 * {@link ClusterDatabases}.
 */
public abstract class TransportDatabaseAction extends HandledTransportAction<DatabaseRequest, DatabaseResponse> {
    /** What an action does with its request. */
    interface Operation {
        Map<String, Object> apply(ClusterDatabases cluster, Map<String, Object> request) throws Exception;
    }

    private final ClusterNode node;
    private final Operation operation;
    private final ExecutorService generic;

    TransportDatabaseAction(ActionType<DatabaseResponse> type, TransportService transportService, ActionFilters actionFilters,
                            ClusterNode node, Operation operation) {
        super(type.name(), transportService, actionFilters, DatabaseRequest::new, ThreadPool.Names.GENERIC);
        this.node = node;
        this.operation = operation;
        this.generic = transportService.getThreadPool().generic();
        node.bind(transportService);
    }

    @Override
    protected void doExecute(Task task, DatabaseRequest request, ActionListener<DatabaseResponse> listener) {
        // Unlike Elasticsearch's, OpenSearch's transport action runs a request of this node (REST) on the caller's
        // thread, a network thread, which must not read files nor wait for other nodes: the executor given to the
        // constructor only serves requests from other nodes. The generic pool keeps the caller's thread context.
        try {
            generic.execute(() -> run(request, listener));
        } catch (RejectedExecutionException e) {
            listener.onFailure(e); // the node is shutting down
        }
    }

    private void run(DatabaseRequest request, ActionListener<DatabaseResponse> listener) {
        try {
            listener.onResponse(new DatabaseResponse(operation.apply(node.cluster(), request.body())));
        } catch (ClusterDatabases.NotFoundException e) {
            listener.onFailure(new ResourceNotFoundException("{}", e.getMessage())); // a 404, the message as it is
        } catch (Exception e) {
            listener.onFailure(e);
        }
    }

    static String text(Map<String, Object> request, String key) {
        Object v = request.get(key);
        if (v == null) {
            throw new IllegalArgumentException("[" + key + "] is required");
        }
        return v.toString();
    }

    static long number(Map<String, Object> request, String key) {
        Object v = request.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(text(request, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[" + key + "] must be a number, not [" + v + "]");
        }
    }
}
