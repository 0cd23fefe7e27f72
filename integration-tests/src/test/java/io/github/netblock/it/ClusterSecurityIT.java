package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.harness.ElasticsearchClusterExtension;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import io.github.netblock.loader.publish.ClusterPublisher;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cluster databases with security on, on a secured 2-node cluster (transport TLS, file-realm users): publishing and
 * deleting need {@code cluster:admin/netblock/database/*} (granted by name, or by the built-in {@code manage} privilege),
 * reading needs {@code monitor}; the nodes fetch from each other with no user's credentials, and a chunk or publish that
 * reaches another node than the upload's is sent there in the user's name. On each platform whose integ-test
 * distribution ships a security plugin (Elasticsearch; see {@code Platforms#secured}).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#secured")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSecurityIT {
    @RegisterExtension
    static final ElasticsearchClusterExtension CLUSTER = ElasticsearchClusterExtension.perPlatform(2, new ElasticsearchNode.Options()
            .name("secured-dist").security(true)
            .roles("""
                    netblock_publisher:
                      cluster: [ "cluster:admin/netblock/database/*", "monitor" ]
                    netblock_reader:
                      cluster: [ "monitor" ]
                    netblock_manager:
                      cluster: [ "manage" ]
                    """)
            .user("publisher", "publisher-pw", "netblock_publisher")
            .user("manager", "manager-pw-123", "netblock_manager")
            .user("reader", "reader-pw-123", "netblock_reader"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Platform platform;

    @TempDir
    static Path dir;

    private static RequestOptions as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RequestOptions.DEFAULT.toBuilder().addHeader("Authorization", "Basic " + token).build();
    }

    private static int status(ElasticsearchNode node, String method, String path, String body, RequestOptions options) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setJsonEntity(body);
        }
        r.setOptions(options);
        try {
            return node.restClient().performRequest(r).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
    }

    private static String netname(ElasticsearchNode node) throws IOException {
        Request r = new Request("GET", "/_netblock/lookup/203.0.113.5?database=secured");
        r.setOptions(as("reader", "reader-pw-123"));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(node.restClient().performRequest(r).getEntity().getContent())
                    .at("/netblocks/0/name").asText(null);
        } catch (ResponseException e) {
            return "HTTP " + e.getResponse().getStatusLine().getStatusCode();
        }
    }

    @Test
    @Order(1)
    void aUserWithThePublishPrivilegePublishesAndEveryNodeFetchesItWithoutCredentials() throws Exception {
        Path file = dir.resolve("secured.nbdb");
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now()).addSource(new SourceInfo("fixture", "test", null, null, 0));
        b.add(Netblock.builder("203.0.113.0/24").name("SECURED-NET").source("fixture").build());
        b.build(file);
        ElasticsearchNode node0 = CLUSTER.cluster().node(0);
        try (RestClient rest = new ElasticsearchConnection(node0.baseUrl(), "publisher", "publisher-pw", null, null).restClient()) {
            ClusterPublisher.Published p = new ClusterPublisher(rest, "secured").publish(file, 0.2);
            assertThat(p.generation()).isEqualTo(1);
            assertThat(p.failures()).isEmpty();
            assertThat(p.nodes()).hasSize(2);
            p.nodes().values().forEach(s -> assertThat(s.status()).isEqualTo("active"));
        }
        for (ElasticsearchNode node : CLUSTER.cluster().nodes()) {
            assertThat(netname(node)).as(node.name()).isEqualTo("SECURED-NET");
        }
    }

    @Test
    @Order(2)
    void aMonitorOnlyUserReadsButMayNotPublishOrDeleteAndAnonymousIsUnauthenticated() throws Exception {
        ElasticsearchNode node = CLUSTER.cluster().node(1);
        RequestOptions reader = as("reader", "reader-pw-123");
        assertThat(status(node, "GET", "/_netblock/database", null, reader)).isEqualTo(200);
        assertThat(status(node, "PUT", "/_netblock/database/secured/_upload/x?offset=0", "{\"data\":\"AAAA\"}", reader)).isEqualTo(403);
        assertThat(status(node, "POST", "/_netblock/database/secured/_publish", "{\"upload_id\":\"x\",\"sha256\":\"00\",\"size\":3}", reader)).isEqualTo(403);
        assertThat(status(node, "POST", "/_netblock/database/secured/_rollback", null, reader)).isEqualTo(403);
        assertThat(status(node, "DELETE", "/_netblock/database/secured", null, reader)).isEqualTo(403);
        assertThat(status(node, "GET", "/_netblock/database", null, RequestOptions.DEFAULT)).isEqualTo(401);
        assertThat(status(node, "DELETE", "/_netblock/database/secured", null, RequestOptions.DEFAULT)).isEqualTo(401);
        assertThat(netname(node)).isEqualTo("SECURED-NET");
    }

    @Test
    @Order(3)
    void theBuiltInManagePrivilegePublishesAnUploadSpreadOverBothNodesWhichTheSecondSendsToTheFirstInTheUsersName() throws Exception {
        Path file = dir.resolve("managed.nbdb");
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now()).addSource(new SourceInfo("fixture", "test", null, null, 0));
        b.add(Netblock.builder("203.0.113.0/24").name("MANAGED-NET").source("fixture").build());
        b.build(file);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        int chunk = 256;
        RequestOptions manager = as("manager", "manager-pw-123");
        String holder = null;
        for (int i = 0, off = 0; off < bytes.length; i++, off += chunk) {
            ElasticsearchNode via = CLUSTER.cluster().node(i % 2);
            Request r = new Request("PUT", "/_netblock/database/secured/_upload/managed");
            r.addParameter("offset", Integer.toString(off));
            if (holder != null) {
                r.addParameter("node", holder);
            }
            r.setJsonEntity(Rest.uploadChunk(bytes, off, chunk));
            r.setOptions(manager);
            JsonNode answer = JSON.readTree(via.restClient().performRequest(r).getEntity().getContent());
            holder = holder == null ? answer.path("node_id").asText() : holder;
            assertThat(answer.path("node").asText()).isEqualTo(CLUSTER.cluster().node(0).name());
        }
        // a monitor-only user may not send a chunk that names the holder either (403 wherever it is checked)
        assertThat(status(CLUSTER.cluster().node(1), "PUT", "/_netblock/database/secured/_upload/managed?offset=" + bytes.length + "&node=" + holder,
                Rest.uploadChunk(bytes, 0, chunk), as("reader", "reader-pw-123"))).isEqualTo(403);
        Request publish = new Request("POST", "/_netblock/database/secured/_publish");
        publish.addParameter("node", holder);
        publish.setJsonEntity("{\"upload_id\":\"managed\",\"sha256\":\"" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) + "\",\"size\":" + bytes.length + "}");
        publish.setOptions(manager);
        JsonNode published = JSON.readTree(CLUSTER.cluster().node(1).restClient().performRequest(publish).getEntity().getContent());
        assertThat(published.path("result").asText()).isEqualTo("published");
        for (ElasticsearchNode node : CLUSTER.cluster().nodes()) {
            assertThat(netname(node)).as(node.name()).isEqualTo("MANAGED-NET");
        }
    }

    @Test
    @Order(4)
    void thePublisherDeletesAndNoNodeServesItAnyMore() throws Exception {
        ElasticsearchNode node = CLUSTER.cluster().node(1);
        assertThat(status(node, "DELETE", "/_netblock/database/secured", null, as("publisher", "publisher-pw"))).isEqualTo(200);
        for (ElasticsearchNode n : CLUSTER.cluster().nodes()) {
            assertThat(netname(n)).as(n.name()).isEqualTo("HTTP 404");
        }
    }
}
