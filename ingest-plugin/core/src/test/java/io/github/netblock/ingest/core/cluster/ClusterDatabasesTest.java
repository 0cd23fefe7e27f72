package io.github.netblock.ingest.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.ingest.core.TestDatabases;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution protocol between nodes, with three nodes in one JVM: each its own store, registry and temp
 * folder on disk; {@link Peers#call} hands the request to the other node's {@link ClusterDatabases#answerPeer}
 * (what the platform's transport does between real nodes, which the integration tests cover).
 */
@SuppressWarnings("unchecked")
class ClusterDatabasesTest {
    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Nodes that are down: left out of {@link Peers#others} and refusing calls. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    /** One simulated node. */
    final class Node implements Peers {
        final Peers.Node me;
        final Path home;
        DatabaseRegistry registry;
        ClusterDatabases cluster;

        Node(String name) throws IOException {
            me = new Peers.Node("id-" + name, name);
            home = Files.createDirectories(dir.resolve(name));
            start();
        }

        void start() throws IOException {
            registry = new DatabaseRegistry(home.resolve("config"), Files.createDirectories(home.resolve("tmp")), Clock.systemUTC(), Duration.ofDays(3650));
            registry.loadDirectory();
            cluster = new ClusterDatabases(new DatabaseStore(home.resolve("data")), registry, this, Clock.systemUTC(), executor);
            cluster.loadStored();
        }

        void restart() throws IOException {
            registry.close();
            start();
        }

        @Override
        public Peers.Node local() {
            return me;
        }

        @Override
        public List<Peers.Node> others() {
            return nodes.values().stream().filter(n -> n != this && !down.contains(n.me.name())).map(n -> n.me).toList();
        }

        @Override
        public Map<String, Object> call(Peers.Node node, Map<String, Object> request, Duration timeout) throws IOException {
            if (down.contains(node.name())) {
                throw new IOException("node " + node.name() + " is not connected");
            }
            return nodes.get(node.name()).cluster.answerPeer(new LinkedHashMap<>(request));
        }

        /** The name of the narrowest block of 198.51.100.7 in database {@code name} here, or null when the node has no such database. */
        String netname(String name) {
            try {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> blocks = (List<Map<String, Object>>) NodeLookup.answer(registry, "198.51.100.7", name).get("netblocks");
                return blocks.stream().map(b -> (String) b.get("name")).filter(n -> !n.equals("EXAMPLE-ALLOC")).findFirst().orElse(null);
            } catch (NodeLookup.DatabaseNotLoadedException e) {
                return null;
            }
        }
    }

    @BeforeEach
    void cluster() throws IOException {
        for (String n : List.of("node-1", "node-2", "node-3")) {
            nodes.put(n, new Node(n));
        }
    }

    @AfterEach
    void close() throws IOException {
        executor.shutdownNow();
        for (Node n : nodes.values()) {
            n.registry.close();
        }
    }

    private Node node(String name) {
        return nodes.get(name);
    }

    /** Uploads a file to a node in chunks of {@code chunk} bytes, as the loader does. */
    private static void upload(Node to, String name, String uploadId, byte[] file, int chunk) throws IOException {
        for (int off = 0; off < file.length; off += chunk) {
            to.cluster.upload(name, uploadId, off, Arrays.copyOfRange(file, off, Math.min(file.length, off + chunk)));
        }
    }

    private byte[] database(String netname) throws IOException {
        return Files.readAllBytes(TestDatabases.write(dir.resolve(netname + ".nbdb"), netname));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nodeResult(Map<String, Object> answer, String node) {
        return (Map<String, Object>) ((Map<String, Object>) answer.get("nodes")).get(node);
    }

    private Map<String, Object> publish(Node via, String name, byte[] file) throws Exception {
        String id = "u" + System.nanoTime();
        upload(via, name, id, file, 1000);
        return via.cluster.publish(name, id, sha256(file), file.length);
    }

    @Test
    void aPublishThroughOneNodeIsServedByEveryNodeAsTheSameGeneration() throws Exception {
        byte[] v1 = database("FIRST-NET");
        Map<String, Object> answer = publish(node("node-1"), "custom", v1);
        assertThat(answer.get("result")).isEqualTo("published");
        assertThat(((Map<?, ?>) answer.get("version")).get("generation")).isEqualTo(1L);
        for (String n : nodes.keySet()) {
            assertThat(nodeResult(answer, n).get("status")).as(n).isEqualTo("active");
            assertThat(node(n).netname("custom")).as(n).isEqualTo("FIRST-NET");
            assertThat(node(n).registry.servedClusterVersion("custom")).isEqualTo("1");
        }
        // the next publish through another node takes the next generation everywhere
        Map<String, Object> second = publish(node("node-3"), "custom", database("SECOND-NET"));
        assertThat(((Map<?, ?>) second.get("version")).get("generation")).isEqualTo(2L);
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("SECOND-NET");
        }
        Map<String, Object> described = node("node-2").cluster.describe(null);
        Map<?, ?> custom = (Map<?, ?>) ((Map<?, ?>) described.get("databases")).get("custom");
        assertThat(((Map<?, ?>) custom.get("current")).get("generation")).isEqualTo(2L);
        assertThat((List<Object>) custom.get("active_on")).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(custom.containsKey("not_active_on")).isFalse();
        // both versions are kept on all three nodes, for rollback
        assertThat(((List<?>) custom.get("versions"))).hasSize(2);
        assertThat((List<?>) ((Map<?, ?>) ((List<?>) custom.get("versions")).get(1)).get("nodes")).hasSize(3);
    }

    /** What a node's transport action does with an API request: answer it, or send it to the node it names (DatabaseApi#forwardTo). */
    private Map<String, Object> receive(Node at, DatabaseApi.Call call) throws IOException {
        String target = DatabaseApi.forwardTo(call.action(), call.body(), at.me);
        Node answering = target == null ? at : nodes.values().stream().filter(n -> n.me.id().equals(target) || n.me.name().equals(target)).findFirst()
                .orElseThrow(() -> DatabaseApi.unknownNode(call.body()));
        return DatabaseApi.handle(answering.cluster, call.action(), call.body());
    }

    @Test
    void behindALoadBalancerTheChunksAndThePublishFollowTheNodeOfTheFirstChunk() throws Exception {
        byte[] file = database("BALANCED-NET");
        List<Node> roundRobin = List.copyOf(nodes.values());
        int chunk = 1000;
        String node = null;
        for (int i = 0, off = 0; off < file.length; i++, off += chunk) {
            Map<String, String> params = new java.util.HashMap<>(Map.of("name", "custom", "upload_id", "lb", "offset", Integer.toString(off)));
            if (node != null) {
                params.put("node", node);
            }
            String data = java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(file, off, Math.min(file.length, off + chunk)));
            Map<String, Object> answer = receive(roundRobin.get(i % 3),
                    DatabaseApi.fromRest("PUT", "/_netblock/database/custom/_upload/lb", params::get, () -> Map.of("data", data)));
            node = (String) answer.get("node_id");
            assertThat(node).isEqualTo("id-node-1"); // every chunk went where the first did
        }
        String holder = node;
        String sha256 = sha256(file);
        Map<String, Object> published = receive(node("node-3"), DatabaseApi.fromRest("POST", "/_netblock/database/custom/_publish",
                Map.of("name", "custom", "node", holder)::get, () -> Map.of("upload_id", "lb", "sha256", sha256, "size", file.length)));
        assertThat(published.get("result")).isEqualTo("published");
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("BALANCED-NET");
        }
        // without the node, a later chunk that reaches another node is refused with what to do, never appended to a new upload
        node("node-1").cluster.upload("custom", "split", 0, Arrays.copyOf(file, chunk));
        assertThatThrownBy(() -> node("node-2").cluster.upload("custom", "split", chunk, Arrays.copyOfRange(file, chunk, 2 * chunk)))
                .hasMessageContaining("its first chunks went to another node").hasMessageContaining("node=<the node_id");
        assertThat(Files.exists(new DatabaseStore(node("node-2").home.resolve("data")).upload("custom", "split"))).isFalse();
        // the node named still holds it by its name too; once its upload is gone (a restart), the chunk and the publish say so
        Map<String, String> named = new java.util.HashMap<>(Map.of("name", "custom", "upload_id", "split", "offset", Integer.toString(chunk), "node", "node-1"));
        String second = java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(file, chunk, 2 * chunk));
        assertThat(receive(node("node-3"), DatabaseApi.fromRest("PUT", "/_netblock/database/custom/_upload/split", named::get,
                () -> Map.of("data", second))).get("received_in_bytes")).isEqualTo(2L * chunk);
        node("node-1").restart();
        named.put("offset", Integer.toString(2 * chunk));
        assertThatThrownBy(() -> receive(node("node-3"), DatabaseApi.fromRest("PUT", "/_netblock/database/custom/_upload/split", named::get,
                () -> Map.of("data", second))))
                .hasMessage("upload [split] of database [custom] is gone from node [node-1] (the node restarted, or nobody wrote to it for 60 minutes): "
                        + "upload the database again from offset 0");
        assertThatThrownBy(() -> receive(node("node-2"), DatabaseApi.fromRest("POST", "/_netblock/database/custom/_publish",
                Map.of("name", "custom", "node", "id-node-1")::get, () -> Map.of("upload_id", "split", "sha256", "00", "size", 3))))
                .hasMessageStartingWith("upload [split] of database [custom] is gone from node [id-node-1]");
    }

    @Test
    void aKeptFileSomeoneCopiedOverIsNeverServedAfterARestartAndIsFetchedAgainFromAnotherNode() throws Exception {
        byte[] v1 = database("KEPT-NET");
        publish(node("node-1"), "custom", v1);
        Node two = node("node-2");
        DatabaseStore store = new DatabaseStore(two.home.resolve("data"));
        Path kept = store.file(store.latest("custom"));
        // an operator copies another good database over the kept file of the running node
        Files.write(kept, database("OTHER-NET"));
        assertThat(two.netname("custom")).as("the running node serves its private copy").isEqualTo("KEPT-NET");
        two.restart();
        assertThat(two.netname("custom")).as("a changed file is not the version it claims to be").isNull();
        Map<?, ?> status = (Map<?, ?>) ((Map<?, ?>) two.cluster.localStatus().get("databases")).get("custom");
        assertThat(String.valueOf(((Map<?, ?>) status.get("failure")).get("reason"))).contains("changed on disk").contains(kept.toString());
        two.cluster.syncFromPeers();
        assertThat(two.netname("custom")).isEqualTo("KEPT-NET");
        assertThat(Files.readAllBytes(kept)).isEqualTo(v1);
    }

    @Test
    void aNodeThatJoinsWhileTheFirstHolderHasAChangedFileFetchesFromAnotherHolder() throws Exception {
        byte[] v1 = database("HELD-NET");
        publish(node("node-1"), "custom", v1);
        DatabaseStore first = new DatabaseStore(node("node-1").home.resolve("data"));
        Files.write(first.file(first.latest("custom")), database("CHANGED-NET")); // a cp over node-1's kept file while it runs
        Node late = new Node("node-4");
        nodes.put("node-4", late);
        late.cluster.syncFromPeers();
        assertThat(late.netname("custom")).isEqualTo("HELD-NET");
        DatabaseStore lateStore = new DatabaseStore(late.home.resolve("data"));
        assertThat(Files.readAllBytes(lateStore.file(lateStore.latest("custom")))).isEqualTo(v1);
    }

    @Test
    void rollbackNeverServesAKeptFileThatChangedOnDiskAndTakesTheOneBefore() throws Exception {
        publish(node("node-1"), "custom", database("FIRST-NET"));
        publish(node("node-1"), "custom", database("SECOND-NET"));
        publish(node("node-1"), "custom", database("THIRD-NET"));
        DatabaseStore store = new DatabaseStore(node("node-1").home.resolve("data"));
        StoredVersion second = store.versions("custom").stream().filter(v -> v.generation() == 2).findFirst().orElseThrow();
        Files.write(store.file(second), database("EVIL-NET")); // a cp over the kept file of generation 2

        Map<String, Object> answer = node("node-1").cluster.rollback("custom");

        assertThat(answer.get("result")).isEqualTo("rolled_back");
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("FIRST-NET"); // generation 2's file is not that version: the one before
        }
        assertThat(store.versions("custom")).extracting(StoredVersion::generation).doesNotContain(2L);
    }

    @Test
    void whyTheNewestKeptVersionIsNotServedStaysInStatsWhileAnOlderOneServes() throws Exception {
        publish(node("node-1"), "custom", database("OLDER-NET"));
        publish(node("node-1"), "custom", database("NEWER-NET"));
        Node two = node("node-2");
        DatabaseStore store = new DatabaseStore(two.home.resolve("data"));
        Files.write(store.file(store.latest("custom")), database("OVERWRITTEN-NET"));
        down.add("node-1");
        down.add("node-3"); // alone: it cannot fetch the newer version again yet
        two.restart();
        assertThat(two.netname("custom")).isEqualTo("OLDER-NET");
        Map<?, ?> status = (Map<?, ?>) ((Map<?, ?>) two.cluster.localStatus().get("databases")).get("custom");
        assertThat(String.valueOf(((Map<?, ?>) status.get("failure")).get("reason"))).contains("changed on disk");
        down.clear();
        two.cluster.syncFromPeers();
        assertThat(two.netname("custom")).isEqualTo("NEWER-NET");
        status = (Map<?, ?>) ((Map<?, ?>) two.cluster.localStatus().get("databases")).get("custom");
        assertThat(status.get("failure")).isNull();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a FIFO opened for reading would block for good
    void whatAnOperatorDropsIntoTheStoreIsLeftAloneAndNeverStopsANodeFromServingOrCatchingUp() throws Exception {
        publish(node("node-1"), "custom", database("STORE-NET"));
        Node three = node("node-3");
        Path data = three.home.resolve("data");
        Files.createDirectories(data.resolve(".uploads/custom.keep.part")).resolve("notes.txt").toFile().createNewFile();
        Files.writeString(data.resolve(".uploads/README"), "uploads go here");
        Files.createDirectories(data.resolve("custom/0000000042.properties"));
        Files.writeString(data.resolve("custom/0000000043.properties"), "generation=not a number\n");
        Files.writeString(data.resolve("custom/backup.properties"), Files.readString(data.resolve("custom/0000000001.properties")));
        Process fifo = new ProcessBuilder("mkfifo", data.resolve("custom/0000000044.properties").toString()).start();
        assertThat(fifo.waitFor()).isZero();
        Files.writeString(data.resolve("notes.txt"), "not a database");
        three.restart();
        assertThat(three.netname("custom")).isEqualTo("STORE-NET");
        publish(node("node-1"), "custom", database("NEXT-STORE-NET"));
        three.cluster.syncFromPeers();
        assertThat(three.netname("custom")).isEqualTo("NEXT-STORE-NET");
        assertThat(new DatabaseStore(data).versions("custom")).extracting(StoredVersion::generation).containsExactly(1L, 2L);
        // what the operator put there is still there; the node wrote nothing of its own beside it
        assertThat(data.resolve(".uploads/custom.keep.part/notes.txt")).exists();
        assertThat(data.resolve("custom/0000000042.properties")).isDirectory();
        assertThat((List<?>) three.cluster.localStatus().get("uploads")).isEmpty();
    }

    @Test
    void aDamagedChunkIsRefusedAtPublishAndNeverServedAnywhere() throws Exception {
        publish(node("node-1"), "custom", database("GOOD-NET"));
        byte[] next = database("NEXT-NET");
        byte[] damaged = next.clone();
        damaged[damaged.length / 2] ^= 0x40;
        upload(node("node-2"), "custom", "bad", damaged, 1000);
        assertThatThrownBy(() -> node("node-2").cluster.publish("custom", "bad", sha256(next), next.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining(sha256(next)).hasMessageContaining("keeps serving");
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("GOOD-NET");
        }
        // the reason shows in the node's status, and the upload is gone
        Map<?, ?> status = (Map<?, ?>) ((Map<?, ?>) node("node-2").cluster.localStatus().get("databases")).get("custom");
        assertThat(((Map<?, ?>) status.get("failure")).get("reason").toString()).contains("checksum mismatch");
        assertThat(Files.exists(new DatabaseStore(node("node-2").home.resolve("data")).upload("custom", "bad"))).isFalse();
    }

    @Test
    void aFileWhoseChecksumMatchesButIsNoDatabaseIsRefused() throws Exception {
        byte[] truncated = Arrays.copyOf(database("CUT-NET"), 300);
        upload(node("node-1"), "custom", "cut", truncated, 100);
        assertThatThrownBy(() -> node("node-1").cluster.publish("custom", "cut", sha256(truncated), truncated.length))
                .hasMessageContaining("not a usable netblock database");
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isNull();
        }
    }

    @Test
    void anInterruptedUploadIsNeverCurrentAndShowsAsInProgress() throws Exception {
        byte[] file = database("HALF-NET");
        node("node-1").cluster.upload("custom", "half", 0, Arrays.copyOf(file, 1000));
        assertThatThrownBy(() -> node("node-1").cluster.publish("custom", "half", sha256(file), file.length))
                .hasMessageContaining("has 1,000 bytes").hasMessageContaining("send the rest from offset 1000");
        assertThatThrownBy(() -> node("node-1").cluster.upload("custom", "half", 5000, new byte[10]))
                .hasMessageContaining("must start at offset 1000, not 5000");
        Map<String, Object> described = node("node-3").cluster.describe(null);
        assertThat((Map<?, ?>) described.get("databases")).isEmpty();
        assertThat(described.get("uploads_in_progress").toString()).contains("node-1").contains("half").contains("received_in_bytes=1000");
        assertThat(node("node-1").netname("custom")).isNull();
    }

    @Test
    void aNodeThatWasDownCatchesUpWhenItComesBackAndANewNodeGetsTheCurrentVersion() throws Exception {
        publish(node("node-1"), "custom", database("OLD-NET"));
        down.add("node-3");
        Map<String, Object> answer = publish(node("node-1"), "custom", database("NEW-NET"));
        assertThat(((Map<?, ?>) answer.get("nodes")).containsKey("node-3")).isFalse();
        assertThat(node("node-3").netname("custom")).isEqualTo("OLD-NET");
        down.remove("node-3");
        node("node-3").restart();
        assertThat(node("node-3").netname("custom")).as("serves what it kept at once").isEqualTo("OLD-NET");
        node("node-3").cluster.syncFromPeers();
        assertThat(node("node-3").netname("custom")).isEqualTo("NEW-NET");
        nodes.put("node-4", new Node("node-4"));
        assertThat(node("node-4").netname("custom")).isNull();
        node("node-4").cluster.syncFromPeers();
        assertThat(node("node-4").netname("custom")).isEqualTo("NEW-NET");
    }

    @Test
    void aFullRestartKeepsTheCurrentVersion() throws Exception {
        publish(node("node-2"), "custom", database("KEPT-NET"));
        for (Node n : new ArrayList<>(nodes.values())) {
            n.restart();
        }
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("KEPT-NET");
        }
    }

    @Test
    void rollbackServesTheEarlierFileAgainAsANewGenerationEverywhere() throws Exception {
        publish(node("node-1"), "custom", database("FIRST-NET"));
        publish(node("node-1"), "custom", database("SECOND-NET"));
        Map<String, Object> answer = node("node-2").cluster.rollback("custom");
        assertThat(answer.get("result")).isEqualTo("rolled_back");
        assertThat(((Map<?, ?>) answer.get("version")).get("generation")).isEqualTo(3L);
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("FIRST-NET");
            assertThat(nodeResult(answer, n).get("status")).isEqualTo("active");
        }
        // a second rollback goes back to the other kept file
        node("node-3").cluster.rollback("custom");
        assertThat(node("node-1").netname("custom")).isEqualTo("SECOND-NET");
    }

    @Test
    void deleteStopsEveryNodeServingTheNameAndANodeThatWasDownLearnsOfIt() throws Exception {
        publish(node("node-1"), "custom", database("GONE-NET"));
        down.add("node-3");
        Map<String, Object> answer = node("node-2").cluster.delete("custom");
        assertThat(answer.get("result")).isEqualTo("deleted");
        assertThat(node("node-1").netname("custom")).isNull();
        assertThat(node("node-2").netname("custom")).isNull();
        assertThat(node("node-3").netname("custom")).isEqualTo("GONE-NET");
        down.remove("node-3");
        node("node-3").cluster.syncFromPeers();
        assertThat(node("node-3").netname("custom")).isNull();
        assertThatThrownBy(() -> node("node-1").cluster.delete("custom")).isInstanceOf(ClusterDatabases.NotFoundException.class)
                .hasMessageContaining("deleted as of generation 2");
        assertThatThrownBy(() -> node("node-1").cluster.delete("never")).isInstanceOf(ClusterDatabases.NotFoundException.class);
        // a delete can be rolled back: the newest kept file serves again
        node("node-1").cluster.rollback("custom");
        for (String n : nodes.keySet()) {
            assertThat(node(n).netname("custom")).as(n).isEqualTo("GONE-NET");
        }
    }

    @Test
    void aFileInTheConfigFolderOverridesTheClusterVersionOfItsNameUntilItIsDeleted() throws Exception {
        Node n2 = node("node-2");
        Files.createDirectories(n2.home.resolve("config"));
        Path local = TestDatabases.write(n2.home.resolve("config/custom.nbdb"), "LOCAL-NET");
        assertThat(n2.registry.load(local)).isTrue();
        Map<String, Object> answer = publish(node("node-1"), "custom", database("CLUSTER-NET"));
        assertThat(nodeResult(answer, "node-2").get("status")).isEqualTo("overridden");
        assertThat(n2.netname("custom")).isEqualTo("LOCAL-NET");
        assertThat(node("node-3").netname("custom")).isEqualTo("CLUSTER-NET");
        Files.delete(local);
        n2.registry.remove(local);
        assertThat(n2.netname("custom")).isEqualTo("CLUSTER-NET");
    }

    @Test
    void aVersionThatFailsOnOneNodeIsReportedAndTheOthersServeIt() throws Exception {
        publish(node("node-1"), "custom", database("BEFORE-NET"));
        // node-3's temp folder is a file: it cannot make the private copy it maps
        Path tmp = node("node-3").home.resolve("tmp");
        try (var files = Files.list(tmp)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(tmp);
        Files.writeString(tmp, "not a folder");
        Map<String, Object> answer = publish(node("node-1"), "custom", database("AFTER-NET"));
        assertThat(nodeResult(answer, "node-2").get("status")).isEqualTo("active");
        assertThat(nodeResult(answer, "node-3").get("status")).isEqualTo("failed");
        assertThat(node("node-3").netname("custom")).isEqualTo("BEFORE-NET");
        Map<?, ?> custom = (Map<?, ?>) ((Map<?, ?>) node("node-1").cluster.describe("custom").get("databases")).get("custom");
        assertThat((List<Object>) custom.get("active_on")).containsExactlyInAnyOrder("node-1", "node-2");
        Map<?, ?> why = (Map<?, ?>) ((Map<?, ?>) custom.get("not_active_on")).get("node-3");
        assertThat(why.get("serving_generation")).isEqualTo(1L);
        assertThat(why.get("failure").toString()).contains("not a usable database");
    }

    @Test
    void badNamesAndIdsAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> node("node-1").cluster.upload("../etc", "u1", 0, new byte[1])).hasMessageContaining("database name [../etc]");
        assertThatThrownBy(() -> node("node-1").cluster.upload("custom", "a/b", 0, new byte[1])).hasMessageContaining("upload id [a/b]");
        assertThatThrownBy(() -> node("node-1").cluster.publish("custom", "nothing", "00", 1)).hasMessageContaining("no upload [nothing]");
        assertThatThrownBy(() -> node("node-1").cluster.describe("nothing")).isInstanceOf(ClusterDatabases.NotFoundException.class);
    }
}
