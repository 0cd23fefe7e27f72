package io.github.netblock.ingest.action.database;

import org.opensearch.action.ActionType;

/**
 * The transport actions of the cluster databases, by name, so that a security plugin grants them by name:
 * publishing (upload, publish, rollback) and deleting are {@code cluster:admin/netblock/database/*}, reading is
 * {@code cluster:monitor/netblock/database/get}; {@code internal:} is node to node only. The same names as on
 * Elasticsearch.
 */
public final class DatabaseActions {
    /** Upload a chunk, publish an upload, roll back. */
    public static final ActionType<DatabaseResponse> PUT = new ActionType<>("cluster:admin/netblock/database/put", DatabaseResponse::new);
    /** Delete a name from the cluster. */
    public static final ActionType<DatabaseResponse> DELETE = new ActionType<>("cluster:admin/netblock/database/delete", DatabaseResponse::new);
    /** {@code GET _netblock/database}. */
    public static final ActionType<DatabaseResponse> GET = new ActionType<>("cluster:monitor/netblock/database/get", DatabaseResponse::new);
    /** Catalog, chunk and fetch requests between nodes: sent with the user's context stashed, they run as the system on each node. */
    public static final ActionType<DatabaseResponse> PEER = new ActionType<>("internal:netblock/database/peer", DatabaseResponse::new);

    private DatabaseActions() {}
}
