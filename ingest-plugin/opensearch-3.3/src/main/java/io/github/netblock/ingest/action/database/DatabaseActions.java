package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.cluster.DatabaseApi;
import org.opensearch.action.ActionType;

/**
 * The transport actions of the cluster databases, named by the core ({@link DatabaseApi.Action}, the same names as
 * on Elasticsearch) so that a security plugin grants them by name: publishing (upload, publish, rollback) and
 * deleting are {@code cluster:admin/netblock/database/*}, reading is {@code cluster:monitor/netblock/database/get};
 * {@code internal:} is node to node only.
 */
public final class DatabaseActions {
    public static final ActionType<MapResponse> PUT = of(DatabaseApi.Action.PUT);
    public static final ActionType<MapResponse> DELETE = of(DatabaseApi.Action.DELETE);
    public static final ActionType<MapResponse> GET = of(DatabaseApi.Action.GET);
    public static final ActionType<MapResponse> PEER = of(DatabaseApi.Action.PEER);

    private DatabaseActions() {}

    private static ActionType<MapResponse> of(DatabaseApi.Action action) {
        return new ActionType<>(action.transportName(), MapResponse::new);
    }
}
