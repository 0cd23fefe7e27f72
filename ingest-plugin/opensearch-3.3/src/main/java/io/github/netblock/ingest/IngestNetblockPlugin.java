package io.github.netblock.ingest;

import io.github.netblock.ingest.action.database.ClusterNode;
import io.github.netblock.ingest.action.database.DatabaseActions;
import io.github.netblock.ingest.action.database.RestDatabaseAction;
import io.github.netblock.ingest.action.database.Transport;
import io.github.netblock.ingest.action.lookup.LookupAction;
import io.github.netblock.ingest.action.lookup.RestLookupAction;
import io.github.netblock.ingest.action.lookup.TransportLookupAction;
import io.github.netblock.ingest.action.stats.RestStatsAction;
import io.github.netblock.ingest.action.stats.StatsAction;
import io.github.netblock.ingest.action.stats.TransportStatsAction;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeDatabases;
import io.github.netblock.ingest.processor.NetblockProcessor;
import io.github.netblock.ingest.processor.NetblockProcessorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opensearch.action.ActionRequest;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.node.DiscoveryNodes;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.IndexScopedSettings;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.settings.SettingsFilter;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.env.Environment;
import org.opensearch.env.NodeEnvironment;
import org.opensearch.ingest.Processor;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.IngestPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.repositories.RepositoriesService;
import org.opensearch.rest.RestController;
import org.opensearch.rest.RestHandler;
import org.opensearch.script.ScriptService;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;
import org.opensearch.watcher.ResourceWatcherService;

/**
 * The ingest-netblock plugin on OpenSearch: the {@code netblock} processor, the databases it reads (the folder's,
 * the ones published into the cluster, the bundled one), and the lookup, stats and cluster-database APIs.
 */
public class IngestNetblockPlugin extends Plugin implements IngestPlugin, ActionPlugin {
    /** Databases whose data is older than this tag documents {@code _netblock_database_stale}. */
    public static final Setting<TimeValue> MAX_AGE = Setting.timeSetting("ingest.netblock.max_age",
            TimeValue.timeValueMillis(NodeDatabases.DEFAULT_MAX_AGE.toMillis()), TimeValue.timeValueMinutes(1), Setting.Property.NodeScope);

    private volatile DatabaseRegistry registry;
    private volatile ClusterNode clusterNode;

    @Override
    public List<Setting<?>> getSettings() {
        return List.of(MAX_AGE);
    }

    @Override
    public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
        // The ingest service asks for processors before components are created, so the databases
        // are loaded here: the bundled one, then whatever is already in the config folder.
        Duration maxAge = Duration.ofMillis(MAX_AGE.get(parameters.env.settings()).millis());
        DatabaseRegistry r = NodeDatabases.open(parameters.env.configDir(), parameters.env.tmpDir(), maxAge);
        registry = r;
        // the versions published into the cluster that this node kept serve before it ingests anything
        clusterNode = new ClusterNode(parameters.env.dataFiles()[0], r);
        return Map.of(NetblockProcessor.TYPE, new NetblockProcessorFactory(r));
    }

    @Override
    public Collection<Object> createComponents(Client client, ClusterService clusterService, ThreadPool threadPool,
                                               ResourceWatcherService resourceWatcherService, ScriptService scriptService,
                                               NamedXContentRegistry xContentRegistry, Environment environment,
                                               NodeEnvironment nodeEnvironment, NamedWriteableRegistry namedWriteableRegistry,
                                               IndexNameExpressionResolver indexNameExpressionResolver,
                                               Supplier<RepositoriesService> repositoriesServiceSupplier) {
        DatabaseRegistry r = registry;
        if (r == null) {
            return List.of();
        }
        try {
            resourceWatcherService.add(DatabaseFolderListener.watcher(r), ResourceWatcherService.Frequency.HIGH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + r.directory(), e);
        }
        ClusterNode cluster = clusterNode;
        cluster.start(clusterService, threadPool);
        return List.of(r, cluster);
    }

    @Override
    public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        return List.of(new ActionHandler<>(LookupAction.INSTANCE, TransportLookupAction.class),
                new ActionHandler<>(StatsAction.INSTANCE, TransportStatsAction.class),
                new ActionHandler<>(DatabaseActions.PUT, Transport.Put.class),
                new ActionHandler<>(DatabaseActions.DELETE, Transport.Delete.class),
                new ActionHandler<>(DatabaseActions.GET, Transport.Get.class),
                new ActionHandler<>(DatabaseActions.PEER, Transport.Peer.class));
    }

    @Override
    public List<RestHandler> getRestHandlers(Settings settings, RestController restController, ClusterSettings clusterSettings,
                                             IndexScopedSettings indexScopedSettings, SettingsFilter settingsFilter,
                                             IndexNameExpressionResolver indexNameExpressionResolver,
                                             Supplier<DiscoveryNodes> nodesInCluster) {
        return List.of(new RestLookupAction(), new RestStatsAction(), new RestDatabaseAction());
    }

    @Override
    public void close() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }
}
