package io.github.netblock.ingest.action.database;

import org.elasticsearch.action.ActionType;

/**
 * The transport actions of the cluster databases, by name, so that security grants them by name:
 * publishing (upload, publish, rollback) and deleting need {@code cluster:admin/netblock/database/*}
 * ({@code manage} covers it), reading needs {@code monitor}; {@code internal:} is node to node only.
 */
public final class DatabaseActions {
    /** Upload a chunk, publish an upload, roll back. */
    public static final ActionType<DatabaseResponse> PUT = new ActionType<>("cluster:admin/netblock/database/put");
    /** Delete a name from the cluster. */
    public static final ActionType<DatabaseResponse> DELETE = new ActionType<>("cluster:admin/netblock/database/delete");
    /** {@code GET _netblock/database}. */
    public static final ActionType<DatabaseResponse> GET = new ActionType<>("cluster:monitor/netblock/database/get");
    /** Catalog, chunk and fetch requests between nodes: sent with no user, they run as the system on each node. */
    public static final ActionType<DatabaseResponse> PEER = new ActionType<>("internal:netblock/database/peer");

    private DatabaseActions() {}
}
