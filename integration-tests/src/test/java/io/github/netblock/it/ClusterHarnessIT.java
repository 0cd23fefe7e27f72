package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.it.harness.ElasticsearchCluster;
import io.github.netblock.it.harness.ElasticsearchClusterExtension;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Platforms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multi-node harness on real 3-node clusters: on Elasticsearch 8.19 the whole life cycle (the nodes form one cluster,
 * each with the plugin and answering the lookup API; a stopped node leaves and rejoins with its folders and ports, a
 * fourth node joins, a full restart brings all four back); on Elasticsearch 9.3 and OpenSearch 3.3 the forming and
 * serving (the life cycle is the same harness code there; it passed on both when run, but each platform's restarts
 * cost about 80 s more on 2 cores). Elasticsearch's clusters run with security on (transport TLS, the same file-realm
 * users on every node); OpenSearch's integ-test zip has no security plugin, so its cluster runs without.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ClusterHarnessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestOptions ADMIN = as(ElasticsearchNode.ADMIN_USER, ElasticsearchNode.ADMIN_PASSWORD);

    /** Secured on the platforms that ship security; a file-realm user with only the monitor role besides the admin. */
    static ElasticsearchNode.Options options(Platform platform) {
        return new ElasticsearchNode.Options().name("cluster").platform(platform).security(platform.shipsSecurity())
                .roles("""
                        netblock_investigator:
                          cluster: [ "monitor" ]
                        """)
                .user("investigator", "investigator-pw", "netblock_investigator");
    }

    /** Elasticsearch 8.19 (unless {@code netblock.it.platforms} leaves it out). */
    static Stream<Platform> lifeCyclePlatforms() {
        return Platforms.all().filter(p -> p == Platform.ELASTICSEARCH_8_19);
    }

    /** The others (those of them {@code netblock.it.platforms} names). */
    static Stream<Platform> otherPlatforms() {
        return Platforms.all().filter(p -> p != Platform.ELASTICSEARCH_8_19);
    }

    /** The whole life cycle, on Elasticsearch 8.19 with security on. */
    @Nested
    @Order(1)
    @ParameterizedClass(name = "{0}", allowZeroInvocations = true)
    @MethodSource("io.github.netblock.it.ClusterHarnessIT#lifeCyclePlatforms")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class LifeCycle {
        @RegisterExtension
        static final ElasticsearchClusterExtension CLUSTER = ElasticsearchClusterExtension.perPlatform(3, ClusterHarnessIT::options);

        @BeforeParameterizedClassInvocation
        static void start(Platform platform) throws Exception {
            CLUSTER.start(platform);
        }

        @AfterParameterizedClassInvocation
        static void stop() throws Exception {
            CLUSTER.stop();
        }

        @Parameter
        Platform platform;

        @Test
        @Order(1)
        void threeNodesFormOneClusterAndEachServesTheLookup() throws IOException {
            assertThat(CLUSTER.cluster().platform()).isEqualTo(platform);
            assertThreeNodesFormOneClusterAndServe(CLUSTER.cluster());
        }

        @Test
        @Order(2)
        void aStoppedNodeLeavesAndRejoinsWithItsFoldersAndPorts() throws Exception {
            ElasticsearchCluster cluster = CLUSTER.cluster();
            ElasticsearchNode third = cluster.node(2);
            int port = third.httpPort();
            cluster.stopNode(2);
            assertThat(third.isAlive()).isFalse();
            assertThat(nodeNames(cluster.node(0))).containsExactly("cluster-0", "cluster-1");
            assertThat(nodeNames(cluster.node(1))).containsExactly("cluster-0", "cluster-1");

            cluster.startNode(2);
            assertThat(cluster.node(2).httpPort()).isEqualTo(port);
            assertThat(nodeNames(cluster.node(0))).containsExactly("cluster-0", "cluster-1", "cluster-2");
            assertEveryNodeServes(cluster);
        }

        @Test
        @Order(3)
        void aFourthNodeJoinsTheFormedCluster() throws Exception {
            ElasticsearchCluster cluster = CLUSTER.cluster();
            ElasticsearchNode fourth = cluster.addNode();
            assertThat(fourth.name()).isEqualTo("cluster-3");
            assertThat(cluster.size()).isEqualTo(4);
            assertThat(nodeNames(fourth)).containsExactly("cluster-0", "cluster-1", "cluster-2", "cluster-3");
            assertEveryNodeServes(cluster);
        }

        @Test
        @Order(4)
        void aFullRestartBringsAllFourNodesBack() throws Exception {
            ElasticsearchCluster cluster = CLUSTER.cluster();
            String uuid = clusterUuid(cluster.node(0));
            cluster.restartAll();
            assertThat(cluster.runningNodes()).hasSize(4);
            assertThat(nodeNames(cluster.node(3))).containsExactly("cluster-0", "cluster-1", "cluster-2", "cluster-3");
            // the same cluster, from the data on disk, not a new one
            assertThat(clusterUuid(cluster.node(3))).isEqualTo(uuid);
            assertEveryNodeServes(cluster);
        }
    }

    /** Forming and serving on the other platforms. */
    @Nested
    @Order(2)
    @ParameterizedClass(name = "{0}", allowZeroInvocations = true)
    @MethodSource("io.github.netblock.it.ClusterHarnessIT#otherPlatforms")
    class Forms {
        @RegisterExtension
        static final ElasticsearchClusterExtension CLUSTER = ElasticsearchClusterExtension.perPlatform(3, ClusterHarnessIT::options);

        @Parameter
        Platform platform;

        @BeforeParameterizedClassInvocation
        static void start(Platform platform) throws Exception {
            CLUSTER.start(platform);
        }

        @AfterParameterizedClassInvocation
        static void stop() throws Exception {
            CLUSTER.stop();
        }

        @Test
        void threeNodesFormOneClusterAndEachServesTheLookup() throws IOException {
            assertThat(CLUSTER.cluster().platform()).isEqualTo(platform);
            assertThreeNodesFormOneClusterAndServe(CLUSTER.cluster());
        }
    }

    private static RequestOptions as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RequestOptions.DEFAULT.toBuilder().addHeader("Authorization", "Basic " + token).build();
    }

    private static JsonNode get(ElasticsearchNode node, String path) throws IOException {
        Request r = new Request("GET", path);
        r.setOptions(ADMIN); // OpenSearch without a security plugin ignores the header
        return JSON.readTree(node.restClient().performRequest(r).getEntity().getContent());
    }

    private static int status(ElasticsearchNode node, String path, RequestOptions options) throws IOException {
        Request r = new Request("GET", path);
        r.setOptions(options);
        try {
            return node.restClient().performRequest(r).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
    }

    /** The names of the nodes in the cluster, as this node sees it, sorted. */
    private static List<String> nodeNames(ElasticsearchNode node) throws IOException {
        List<String> names = new ArrayList<>();
        get(node, "/_cat/nodes?h=name&format=json").forEach(n -> names.add(n.get("name").asText()));
        return names.stream().sorted().toList();
    }

    private static String clusterUuid(ElasticsearchNode node) throws IOException {
        return get(node, "/_cluster/state/metadata?filter_path=metadata.cluster_uuid").at("/metadata/cluster_uuid").asText();
    }

    private static List<String> names(List<ElasticsearchNode> nodes) {
        return nodes.stream().map(ElasticsearchNode::name).sorted().toList();
    }

    private static void assertThreeNodesFormOneClusterAndServe(ElasticsearchCluster cluster) throws IOException {
        assertThat(cluster.size()).isEqualTo(3);
        assertThat(nodeNames(cluster.node(0))).containsExactly("cluster-0", "cluster-1", "cluster-2");
        assertEveryNodeServes(cluster);
        // one cluster: every node names the same cluster UUID
        String uuid = clusterUuid(cluster.node(0));
        assertThat(uuid).isNotBlank().isNotEqualTo("_na_");
        for (ElasticsearchNode node : cluster.nodes()) {
            assertThat(clusterUuid(node)).as("cluster UUID on " + node.name()).isEqualTo(uuid);
        }
        if (cluster.platform().shipsSecurity()) {
            // a secured Elasticsearch cluster talks TLS between its nodes
            JsonNode settings = get(cluster.node(0), "/_nodes/settings?filter_path=nodes.*.settings.xpack.security.transport.ssl.enabled");
            List<String> tls = new ArrayList<>();
            settings.get("nodes").forEach(n -> tls.add(n.at("/settings/xpack/security/transport/ssl/enabled").asText()));
            assertThat(tls).containsExactly("true", "true", "true");
        }
    }

    /**
     * Every running node sees exactly the running nodes, each with the plugin built for this version; the lookup API
     * answers on each; with security, the admin and a file-realm user with the monitor role get 200 on each, no
     * credentials 401 (without a security plugin: 200).
     */
    private static void assertEveryNodeServes(ElasticsearchCluster cluster) throws IOException {
        Platform platform = cluster.platform();
        List<ElasticsearchNode> running = cluster.runningNodes();
        for (ElasticsearchNode node : running) {
            assertThat(nodeNames(node)).as("nodes seen by " + node.name()).isEqualTo(names(running));
            JsonNode google = get(node, "/_netblock/lookup/8.8.8.8");
            assertThat(google.at("/as/number").asLong()).as("lookup on " + node.name()).isEqualTo(15169);
            assertThat(google.at("/geo/country_iso_code").asText()).isEqualTo("US");
            assertThat(status(node, "/_netblock/lookup/8.8.8.8", ADMIN)).as("admin on " + node.name()).isEqualTo(200);
            assertThat(status(node, "/_netblock/lookup/8.8.8.8", as("investigator", "investigator-pw")))
                    .as("investigator on " + node.name()).isEqualTo(200);
            assertThat(status(node, "/_netblock/lookup/8.8.8.8", RequestOptions.DEFAULT))
                    .as("no credentials on " + node.name()).isEqualTo(platform.shipsSecurity() ? 401 : 200);
        }
        JsonNode plugins = get(running.get(0), "/_nodes/plugins").get("nodes");
        assertThat(plugins.size()).isEqualTo(running.size());
        for (JsonNode n : plugins) {
            List<String> installed = new ArrayList<>();
            n.get("plugins").forEach(p -> {
                if (p.get("name").asText().equals("ingest-netblock")) {
                    installed.add(p.at("/" + platform.pluginVersionField()).asText());
                }
            });
            assertThat(installed).as("ingest-netblock on " + n.get("name").asText()).containsExactly(platform.version());
        }
    }
}
