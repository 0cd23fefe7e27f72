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
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.ingest.Processor;
import org.elasticsearch.plugins.IngestPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.watcher.ResourceWatcherService;

/** The ingest-netblock plugin: the {@code netblock} processor, the databases it reads, and the lookup and stats APIs. */
public class IngestNetblockPlugin extends Plugin implements IngestPlugin, ActionPlugin, Closeable {
    /** Databases whose data is older than this tag documents {@code _netblock_database_stale}. */
    public static final Setting<TimeValue> MAX_AGE = Setting.timeSetting("ingest.netblock.max_age", TimeValue.timeValueMillis(NodeDatabases.DEFAULT_MAX_AGE.toMillis()),
            TimeValue.timeValueMinutes(1), Setting.Property.NodeScope);
    /** The folder under $ES_HOME/config watched for {@code *.nbdb} files. */
    public static final String CONFIG_FOLDER = NodeDatabases.CONFIG_FOLDER;

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
        clusterNode = new ClusterNode(parameters.env.dataDirs()[0], r);
        return Map.of(NetblockProcessor.TYPE, new NetblockProcessorFactory(r));
    }

    @Override
    public Collection<?> createComponents(PluginServices services) {
        DatabaseRegistry r = registry;
        if (r == null) {
            return List.of();
        }
        try {
            services.resourceWatcherService().add(DatabaseFolderListener.watcher(r), ResourceWatcherService.Frequency.HIGH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + r.directory(), e);
        }
        ClusterNode cluster = clusterNode;
        cluster.start(services.clusterService(), services.threadPool());
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
    public List<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry namedWriteableRegistry,
                                             RestController restController, ClusterSettings clusterSettings,
                                             IndexScopedSettings indexScopedSettings, SettingsFilter settingsFilter,
                                             IndexNameExpressionResolver indexNameExpressionResolver,
                                             Supplier<DiscoveryNodes> nodesInCluster, Predicate<NodeFeature> clusterSupportsFeature) {
        return List.of(new RestLookupAction(), new RestStatsAction(), new RestDatabaseAction());
    }

    @Override
    public void close() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }
}
