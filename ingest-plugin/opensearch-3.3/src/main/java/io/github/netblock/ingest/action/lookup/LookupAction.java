package io.github.netblock.ingest.action.lookup;

import io.github.netblock.ingest.action.MapResponse;
import org.opensearch.action.ActionType;

/**
 * {@code GET _netblock/lookup/{ip}} as a transport action, so that a security plugin can grant or deny
 * it by name ({@code cluster:monitor/*} permissions cover it).
 */
public final class LookupAction {
    public static final String NAME = "cluster:monitor/netblock/lookup";
    public static final ActionType<MapResponse> INSTANCE = new ActionType<>(NAME, MapResponse::new);

    private LookupAction() {}
}
