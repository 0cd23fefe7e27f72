package io.github.netblock.ingest.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.node.NodeLookup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing and distributing never hold a database whole in memory: two nodes in a JVM whose heap (48 MB) is
 * smaller than the database (over 96 MB) take an upload in the loader's 4 MB chunks, check it, publish it and fetch
 * it from each other, and both serve it. Holding the file whole anywhere would end that JVM with an
 * OutOfMemoryError. (benchmarks/README.md measures the same on real nodes with 1.5 GB.)
 */
class LargerThanHeapTest {
    private static final int BLOCKS = 1_100_000;
    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    @Test
    void twoNodesWhoseHeapIsSmallerThanTheDatabasePublishAndFetchItInChunks() throws Exception {
        Path database = dir.resolve("large.nbdb");
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.parse("2026-11-27T00:00:00Z"))
                .addSource(new SourceInfo("fixture", "test", null, null, 0));
        long base = 10L << 24; // 10.0.0.0
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261127L);
        byte[] noise = new byte[24];
        for (int i = 0; i < BLOCKS; i++) {
            // a remark of random text: the database compresses its strings, and this one keeps it larger than the heap
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (byte) random.nextInt(256);
            }
            b.add(Netblock.builder(IpRange.cidr(IpAddress.ofV4((int) (base + 16L * i)), 28)).name("LARGE-NET-" + i)
                    .description(java.util.Base64.getEncoder().encodeToString(noise))
                    .ownerName("Owner of block " + i).abuseEmail("abuse-" + i + "@example.net").source("fixture").build());
        }
        b.build(database);
        long size = Files.size(database);
        assertThat(size).as("the database is larger than the nodes' heap").isGreaterThan(2L * 48 << 20);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                TwoNodes.class.getName(), database.toString(), dir.resolve("nodes").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES); // bounded: the output goes to a file, nothing waits on a pipe
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertThat(ended).as(output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        // 10.0.0.0 + 16 * 1,000,000 = 10.244.36.0: the last blocks live there
        assertThat(output).contains("node-1 serves LARGE-NET-1000000").contains("node-2 serves LARGE-NET-1000000")
                .contains("node-2: active");
    }

    /** The child JVM: two nodes of the cluster protocol, the upload, the publish, and one lookup on each. */
    public static final class TwoNodes {
        public static void main(String[] args) throws Exception {
            Path database = Path.of(args[0]);
            Path home = Path.of(args[1]);
            Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
            var executor = Executors.newCachedThreadPool();
            for (String name : List.of("node-1", "node-2")) {
                nodes.put(name, new SimulatedNode(name, home.resolve(name), nodes, executor));
            }
            SimulatedNode one = nodes.get("node-1");
            byte[] buf = new byte[ClusterDatabases.CHUNK_SIZE];
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long offset = 0;
            try (InputStream in = new DigestInputStream(Files.newInputStream(database), digest)) {
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    one.cluster.upload("large", "u1", offset, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
                    offset += n;
                }
            }
            Map<String, Object> published = one.cluster.publish("large", "u1", HexFormat.of().formatHex(digest.digest()), offset);
            ((Map<?, ?>) published.get("nodes")).forEach((node, status) -> System.out.println(node + ": " + ((Map<?, ?>) status).get("status")));
            for (SimulatedNode n : nodes.values()) {
                List<?> blocks = (List<?>) NodeLookup.answer(n.registry, "10.244.36.7", "large").get("netblocks");
                System.out.println(n.me.name() + " serves " + ((Map<?, ?>) blocks.get(0)).get("name"));
                n.registry.close();
            }
            executor.shutdownNow();
        }
    }

    /** One node: its own store, registry and temp folder; calls to the other go straight to its {@link ClusterDatabases#answerPeer}. */
    static final class SimulatedNode implements Peers {
        final Peers.Node me;
        final Map<String, SimulatedNode> all;
        final DatabaseRegistry registry;
        final ClusterDatabases cluster;

        SimulatedNode(String name, Path home, Map<String, SimulatedNode> all, java.util.concurrent.Executor executor) throws IOException {
            this.me = new Peers.Node("id-" + name, name);
            this.all = all;
            registry = new DatabaseRegistry(Files.createDirectories(home.resolve("config")), Files.createDirectories(home.resolve("tmp")),
                    Clock.systemUTC(), Duration.ofDays(3650));
            registry.loadDirectory();
            cluster = new ClusterDatabases(new DatabaseStore(home.resolve("data")), registry, this, Clock.systemUTC(), executor);
            cluster.loadStored();
        }

        @Override
        public Peers.Node local() {
            return me;
        }

        @Override
        public List<Peers.Node> others() {
            return all.values().stream().filter(n -> n != this).map(n -> n.me).toList();
        }

        @Override
        public Map<String, Object> call(Peers.Node node, Map<String, Object> request, Duration timeout) throws IOException {
            return all.get(node.name()).cluster.answerPeer(new LinkedHashMap<>(request));
        }
    }
}
