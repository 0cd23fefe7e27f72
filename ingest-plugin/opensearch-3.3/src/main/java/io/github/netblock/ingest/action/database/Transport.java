package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.core.cluster.DatabaseApi;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.transport.TransportService;

/** The concrete {@link TransportDatabaseAction}s, one per {@link DatabaseApi.Action}. */
public final class Transport {
    private Transport() {}

    public static final class Put extends TransportDatabaseAction {
        @Inject
        public Put(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseApi.Action.PUT, transportService, actionFilters, node);
        }
    }

    public static final class Delete extends TransportDatabaseAction {
        @Inject
        public Delete(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseApi.Action.DELETE, transportService, actionFilters, node);
        }
    }

    public static final class Get extends TransportDatabaseAction {
        @Inject
        public Get(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseApi.Action.GET, transportService, actionFilters, node);
        }
    }

    public static final class Peer extends TransportDatabaseAction {
        @Inject
        public Peer(TransportService transportService, ActionFilters actionFilters, ClusterNode node) {
            super(DatabaseApi.Action.PEER, transportService, actionFilters, node);
        }
    }
}
