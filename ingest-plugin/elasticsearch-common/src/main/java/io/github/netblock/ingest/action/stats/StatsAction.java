package io.github.netblock.ingest.action.stats;

import org.elasticsearch.action.ActionType;

/** {@code GET _netblock/stats}: per node, its databases and counters. */
public final class StatsAction {
    public static final String NAME = "cluster:monitor/netblock/stats";
    public static final ActionType<StatsResponse> INSTANCE = new ActionType<>(NAME);

    private StatsAction() {}
}
