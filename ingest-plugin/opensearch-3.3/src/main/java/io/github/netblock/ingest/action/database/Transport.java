package io.github.netblock.ingest.action.database;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.transport.TransportService;

/** The concrete {@link TransportDatabaseAction}s, one per {@link DatabaseActions} name. */
public final class Transport {
    private Transport() {}

    /** Upload a chunk ({@code op: upload}), publish an upload ({@code op: publish}) or roll back ({@code op: rollback}). */
    public static final class Put extends TransportDatabaseAction {
        @Inject
        public Put(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseActions.PUT, transportService, actionFilters, node, (cluster, r) -> switch (text(r, "op")) {
                case "upload" -> cluster.upload(text(r, "name"), text(r, "upload_id"), number(r, "offset"), (byte[]) r.get("data"));
                case "publish" -> cluster.publish(text(r, "name"), text(r, "upload_id"), text(r, "sha256"), number(r, "size"));
                case "rollback" -> cluster.rollback(text(r, "name"));
                default -> throw new IllegalArgumentException("unknown operation [" + r.get("op") + "]");
            });
        }
    }

    public static final class Delete extends TransportDatabaseAction {
        @Inject
        public Delete(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseActions.DELETE, transportService, actionFilters, node, (cluster, r) -> cluster.delete(text(r, "name")));
        }
    }

    public static final class Get extends TransportDatabaseAction {
        @Inject
        public Get(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseActions.GET, transportService, actionFilters, node, (cluster, r) -> cluster.describe((String) r.get("name")));
        }
    }

    public static final class Peer extends TransportDatabaseAction {
        @Inject
        public Peer(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseActions.PEER, transportService, actionFilters, node, (cluster, r) -> cluster.answerPeer(r));
        }
    }
}
