package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.core.cluster.ClusterDatabases;
import java.util.Map;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;

/**
 * Runs one of the {@link DatabaseActions} on the node that received it, on the generic thread pool (uploads,
 * checks and fetches read and write files); what it does is the core's {@link ClusterDatabases}.
 */
public abstract class TransportDatabaseAction extends HandledTransportAction<DatabaseRequest, DatabaseResponse> {
    /** What an action does with its request. */
    interface Operation {
        Map<String, Object> apply(ClusterDatabases cluster, Map<String, Object> request) throws Exception;
    }

    private final ClusterNode node;
    private final Operation operation;

    TransportDatabaseAction(ActionType<DatabaseResponse> type, TransportService transportService, ActionFilters actionFilters,
                            ClusterNode node, Operation operation) {
        super(type.name(), transportService, actionFilters, DatabaseRequest::new, transportService.getThreadPool().generic());
        this.node = node;
        this.operation = operation;
        node.bind(transportService);
    }

    @Override
    protected void doExecute(Task task, DatabaseRequest request, ActionListener<DatabaseResponse> listener) {
        try {
            listener.onResponse(new DatabaseResponse(operation.apply(node.cluster(), request.body())));
        } catch (ClusterDatabases.NotFoundException e) {
            listener.onFailure(new ResourceNotFoundException(e.getMessage()));
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
