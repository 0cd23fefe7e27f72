package io.github.netblock.ingest.action.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.ingest.action.MapResponse;
import io.github.netblock.ingest.core.TestDatabases;
import io.github.netblock.ingest.core.cluster.ClusterDatabases;
import io.github.netblock.ingest.core.cluster.DatabaseStore;
import io.github.netblock.ingest.core.cluster.Peers;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;

/**
 * What the OpenSearch adapter adds to the core's cluster databases: the requests and answers cross OpenSearch's
 * transport (its generic map of StreamOutput/StreamInput) intact, chunks as byte arrays included, and the REST
 * values (strings from the URL) are read as the core wants them.
 */
@SuppressWarnings("unchecked")
class DatabaseWireTest {
    @TempDir
    Path dir;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    @AfterEach
    void close() throws IOException {
        for (Node n : nodes.values()) {
            n.registry.close();
        }
    }

    private static DatabaseRequest overTheWire(DatabaseRequest request) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            request.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                DatabaseRequest read = new DatabaseRequest(in);
                assertThat(in.available()).isZero();
                return read;
            }
        }
    }

    private static MapResponse overTheWire(MapResponse response) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            response.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                MapResponse read = new MapResponse(in);
                assertThat(in.available()).isZero();
                return read;
            }
        }
    }

    @Test
    void aChunkRequestCrossesTheWireAsBytesWithItsValues() throws IOException {
        byte[] chunk = new byte[ClusterDatabases.CHUNK_SIZE];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("op", "upload");
        body.put("name", "custom");
        body.put("upload_id", "u1");
        body.put("offset", 8L << 20);
        body.put("data", chunk);
        body.put("version", Map.of("generation", 3L, "deleted", false, "sha256", "ab"));
        body.put("kept", List.of(Map.of("generation", 1L), Map.of("generation", 2L)));

        Map<String, Object> read = overTheWire(new DatabaseRequest(body)).body();
        assertThat(read).containsOnlyKeys(body.keySet());
        assertThat(read.get("data")).isInstanceOf(byte[].class);
        assertThat((byte[]) read.get("data")).isEqualTo(chunk);
        assertThat(read.get("offset")).isEqualTo(8L << 20);
        assertThat(read.get("version")).isEqualTo(body.get("version"));
        assertThat(read.get("kept")).isEqualTo(body.get("kept"));

        Map<String, Object> answer = overTheWire(new MapResponse(Map.of("data", chunk))).body();
        assertThat((byte[]) answer.get("data")).isEqualTo(chunk);
    }

    @Test
    void anAnswerRendersAsTheJsonOfItsMap() throws IOException {
        MapResponse response = new MapResponse(Map.of("acknowledged", true, "nodes", Map.of("n1", Map.of("status", "active"))));
        XContentBuilder builder = JsonXContent.contentBuilder();
        response.toXContent(builder, ToXContent.EMPTY_PARAMS);
        assertThat(builder.toString()).contains("\"acknowledged\":true").contains("\"n1\":{\"status\":\"active\"}");
    }

    /** A node whose calls to the others go through OpenSearch's serialization both ways, as the transport sends them. */
    final class Node implements Peers {
        final Peers.Node me;
        final DatabaseRegistry registry;
        final ClusterDatabases cluster;

        Node(String name) throws IOException {
            me = new Peers.Node("id-" + name, name);
            Path home = Files.createDirectories(dir.resolve(name));
            registry = new DatabaseRegistry(home.resolve("config"), Files.createDirectories(home.resolve("tmp")), Clock.systemUTC(),
                    Duration.ofDays(3650));
            registry.loadDirectory();
            cluster = new ClusterDatabases(new DatabaseStore(home.resolve("data")), registry, this, Clock.systemUTC(), Runnable::run);
            cluster.loadStored();
            nodes.put(name, this);
        }

        @Override
        public Peers.Node local() {
            return me;
        }

        @Override
        public List<Peers.Node> others() {
            return nodes.values().stream().filter(n -> n != this).map(n -> n.me).toList();
        }

        @Override
        public Map<String, Object> call(Peers.Node node, Map<String, Object> request, Duration timeout) throws IOException {
            Map<String, Object> received = overTheWire(new DatabaseRequest(request)).body();
            return overTheWire(new MapResponse(nodes.get(node.name()).cluster.answerPeer(received))).body();
        }
    }

    @Test
    void aVersionPublishedOnOneNodeReachesAnotherThroughOpenSearchsSerialization() throws Exception {
        Node one = new Node("node-1");
        Node two = new Node("node-2");
        byte[] file = Files.readAllBytes(TestDatabases.write(dir.resolve("custom.nbdb"), "SCANNER-NET"));
        one.cluster.upload("custom", "u1", 0, file);

        Map<String, Object> published = one.cluster.publish("custom", "u1", sha256(file), file.length);

        assertThat((Map<String, Object>) published.get("nodes")).containsKeys("node-1", "node-2");
        two.cluster.syncFromPeers(); // in case the announcement is asynchronous: the catch-up fetches it the same way
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) NodeLookup.answer(two.registry, "198.51.100.7", "custom").get("netblocks");
        assertThat(blocks).extracting(b -> b.get("name")).contains("SCANNER-NET");
        // the catalog, as GET _netblock/stats and the catch-up carry it
        Map<String, Object> catalog = overTheWire(new MapResponse(two.cluster.catalog())).body();
        assertThat(catalog).isEqualTo(two.cluster.catalog());
        assertThat(((Map<String, Object>) catalog.get("databases"))).containsKey("custom");
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
