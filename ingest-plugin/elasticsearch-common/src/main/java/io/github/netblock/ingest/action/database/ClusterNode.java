package io.github.netblock.ingest.action.database;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.cluster.ClusterDatabases;
import io.github.netblock.ingest.core.cluster.DatabaseApi;
import io.github.netblock.ingest.core.cluster.DatabaseStore;
import io.github.netblock.ingest.core.cluster.Peers;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.ExceptionsHelper;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionListenerResponseHandler;
import org.elasticsearch.action.support.PlainActionFuture;
import org.elasticsearch.cluster.ClusterChangedEvent;
import org.elasticsearch.cluster.ClusterStateListener;
import org.elasticsearch.cluster.node.DiscoveryNode;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.common.util.concurrent.ThreadContext;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportRequestOptions;
import org.elasticsearch.transport.TransportService;

/**
 * This node's part in distributing cluster databases on Elasticsearch: the core's {@link ClusterDatabases} with
 * Elasticsearch's transport as its {@link Peers}. Requests to other nodes go out as
 * {@link DatabaseActions#PEER} with the user's context stashed, so they run as the system on every node (no
 * user's credentials, no index). This node catches up with the others when it joins a cluster, when nodes join,
 * and every {@link #SYNC_INTERVAL}.
 */
public final class ClusterNode implements Peers, ClusterStateListener {
    /** The folder under the node's (first) data path where it keeps cluster databases. */
    public static final String DATA_FOLDER = "ingest-netblock";
    static final TimeValue SYNC_INTERVAL = TimeValue.timeValueSeconds(30);
    private static final Logger LOGGER = LogManager.getLogger(ClusterNode.class);

    private final ClusterDatabases cluster;
    private final AtomicBoolean syncing = new AtomicBoolean();
    private final AtomicBoolean syncAgain = new AtomicBoolean();
    private volatile ClusterService clusterService;
    private volatile ThreadPool threadPool;
    private volatile TransportService transportService;

    /** Opens this node's store and serves what it kept, before the node ingests anything. */
    public ClusterNode(Path dataPath, DatabaseRegistry registry) {
        this.cluster = new ClusterDatabases(new DatabaseStore(dataPath.resolve(DATA_FOLDER)), registry, this, Clock.systemUTC(),
                r -> threadPool.generic().execute(r));
        cluster.loadStored();
    }

    public ClusterDatabases cluster() {
        return cluster;
    }

    /** Starts listening to the cluster and the periodic catch-up (from the plugin's createComponents). */
    public void start(ClusterService clusterService, ThreadPool threadPool) {
        this.clusterService = clusterService;
        this.threadPool = threadPool;
        clusterService.addListener(this);
        threadPool.scheduleWithFixedDelay(this::syncSoon, SYNC_INTERVAL, threadPool.generic());
    }

    /** The transport service, as the transport actions are made (Elasticsearch gives it to them, not to the plugin). */
    void bind(TransportService transportService) {
        this.transportService = transportService;
    }

    @Override
    public void clusterChanged(ClusterChangedEvent event) {
        boolean joined = event.previousState().nodes().getMasterNodeId() == null && event.state().nodes().getMasterNodeId() != null;
        if (joined || event.nodesAdded()) {
            syncSoon();
        }
    }

    /** Runs a catch-up on the generic pool; one at a time, and one more if asked meanwhile. */
    void syncSoon() {
        if (transportService == null || clusterService == null) {
            return;
        }
        if (!syncing.compareAndSet(false, true)) {
            syncAgain.set(true);
            return;
        }
        // on the generic pool, not on the thread that applies cluster states (which may not read the state it applies)
        threadPool.generic().execute(() -> {
            try {
                do {
                    syncAgain.set(false);
                    if (clusterService.state().nodes().getMasterNodeId() != null) {
                        cluster.syncFromPeers();
                    }
                } while (syncAgain.get());
            } catch (RuntimeException e) {
                LOGGER.warn("netblock cluster databases: catching up with the other nodes failed", e);
            } finally {
                syncing.set(false);
            }
        });
    }

    @Override
    public Peers.Node local() {
        DiscoveryNode n = clusterService.localNode();
        return new Peers.Node(n.getId(), n.getName());
    }

    @Override
    public List<Peers.Node> others() {
        List<Peers.Node> out = new ArrayList<>();
        if (clusterService == null) {
            return out;
        }
        String me = clusterService.localNode().getId();
        for (DiscoveryNode n : clusterService.state().nodes()) {
            if (!n.getId().equals(me)) {
                out.add(new Peers.Node(n.getId(), n.getName()));
            }
        }
        return out;
    }

    /**
     * Sends a request of {@code action} to the node {@code node}, an id or a name (the one that holds the upload it belongs to), in
     * the user's name: that node checks the user's privileges again and answers {@code listener}.
     */
    void forward(String node, DatabaseApi.Action action, DatabaseRequest request, ActionListener<MapResponse> listener) {
        DiscoveryNode target = clusterService.state().nodes().get(node);
        for (DiscoveryNode n : clusterService.state().nodes()) {
            if (target == null && n.getName().equals(node)) {
                target = n; // named by its name (as GET _netblock/database shows it)
            }
        }
        if (target == null) {
            listener.onFailure(DatabaseApi.unknownNode(request.body()));
            return;
        }
        transportService.sendRequest(target, action.transportName(), request,
                new ActionListenerResponseHandler<>(listener, MapResponse::new, EsExecutors.DIRECT_EXECUTOR_SERVICE));
    }

    @Override
    public Map<String, Object> call(Peers.Node node, Map<String, Object> request, Duration timeout) throws IOException {
        TransportService transport = transportService;
        DiscoveryNode target = clusterService.state().nodes().get(node.id());
        if (transport == null || target == null) {
            throw new IOException("node " + node.name() + " is not in the cluster");
        }
        PlainActionFuture<MapResponse> future = new PlainActionFuture<>();
        ThreadContext context = threadPool.getThreadContext();
        try (ThreadContext.StoredContext ignored = context.stashContext()) {
            // no user: an internal: action sent without one runs as the system on the other node
            transport.sendRequest(target, DatabaseActions.PEER.name(), new DatabaseRequest(request),
                    TransportRequestOptions.timeout(TimeValue.timeValueMillis(timeout.toMillis())),
                    new ActionListenerResponseHandler<>(future, MapResponse::new, EsExecutors.DIRECT_EXECUTOR_SERVICE));
        }
        try {
            return future.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS).body();
        } catch (ExecutionException e) {
            Throwable cause = ExceptionsHelper.unwrapCause(e.getCause());
            throw new IOException("node " + node.name() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("node " + node.name() + " did not answer in " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for node " + node.name());
        }
    }
}
