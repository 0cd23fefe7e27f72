package io.github.netblock.ingest.action.lookup;

import io.github.netblock.ingest.action.MapResponse;
import org.elasticsearch.action.ActionType;

/**
 * {@code GET _netblock/lookup/{ip}} as a transport action, so that Elasticsearch security can grant
 * or deny it by name (it is covered by the {@code monitor} cluster privilege).
 */
public final class LookupAction {
    public static final String NAME = "cluster:monitor/netblock/lookup";
    public static final ActionType<MapResponse> INSTANCE = new ActionType<>(NAME);

    private LookupAction() {}
}
