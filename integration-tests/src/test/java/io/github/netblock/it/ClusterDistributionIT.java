package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.harness.ElasticsearchCluster;
import io.github.netblock.it.harness.ElasticsearchClusterExtension;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import io.github.netblock.loader.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * Publish once, every node serves it: {@code netblock-loader publish --es} into a real 3-node cluster, bulk indexing
 * through another node during the publish, a damaged and an interrupted upload, a node that was stopped, a node that
 * joins later, a full-cluster restart, rollback and delete, an upload whose chunks reach every node in turn (as
 * behind a load balancer), and a careless operator's cp over a kept file and odd files in the node's store.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDistributionIT {
    @RegisterExtension
    static final ElasticsearchClusterExtension CLUSTER = ElasticsearchClusterExtension.perPlatform(3, new ElasticsearchNode.Options().name("dist"));

    private static final String IP = "203.0.113.5";
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    @Parameter
    Platform platform;

    @TempDir
    static Path dir;

    private static ElasticsearchCluster cluster() {
        return CLUSTER.cluster();
    }

    /** A database whose block of 203.0.113.0/24 is named {@code netname}, so that each version tells itself apart. */
    private static Path database(String netname) throws IOException {
        Path file = dir.resolve(netname + ".nbdb");
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now()).addSource(new SourceInfo("fixture", "test", null, null, 0));
        b.add(Netblock.builder("203.0.113.0/24").name(netname).ownerName("Owner of " + netname).source("fixture").build());
        b.add(Netblock.builder("198.51.100.0/24").name("OTHER-NET").source("fixture").build());
        b.build(file);
        return file;
    }

    /** The netname database {@code custom} gives 203.0.113.5 on a node, or null when the node has no such database (404). */
    private static String netname(ElasticsearchNode node) throws IOException {
        try {
            JsonNode answer = Rest.of(node).get("/_netblock/lookup/" + IP + "?database=custom");
            return answer.at("/netblocks/0/name").asText(null);
        } catch (Rest.Failed e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Waits (bounded) until the node serves {@code expected}; the last answer otherwise. */
    private static String awaitNetname(ElasticsearchNode node, String expected) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = netname(node);
            if (expected == null ? seen == null : expected.equals(seen)) {
                return seen;
            }
            Thread.sleep(250);
        }
        return seen;
    }

    private static CliRun publish(String... extra) {
        List<String> args = new ArrayList<>(List.of("publish", "--es", cluster().node(0).baseUrl(), "--name", "custom"));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    @Order(1)
    void publishThroughOneNodeAndEveryNodeServesIt() throws Exception {
        CliRun run = publish(database("V1-NET").toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("database [custom] generation 1");
        for (ElasticsearchNode node : cluster().nodes()) {
            assertThat(run.out()).contains(node.name());
            assertThat(netname(node)).as(node.name()).isEqualTo("V1-NET");
        }
        JsonNode described = Rest.of(cluster().node(1)).get("/_netblock/database");
        assertThat(described.at("/_nodes/successful").asInt()).isEqualTo(3);
        JsonNode custom = described.at("/databases/custom");
        assertThat(custom.at("/current/generation").asLong()).isEqualTo(1);
        assertThat(custom.at("/current/sha256").asText()).isEqualTo(sha256(Files.readAllBytes(dir.resolve("V1-NET.nbdb"))));
        assertThat(custom.at("/current/blocks").asLong()).isEqualTo(2);
        List<String> activeOn = new ArrayList<>();
        custom.path("active_on").forEach(n -> activeOn.add(n.asText()));
        assertThat(activeOn).containsExactlyInAnyOrderElementsOf(cluster().nodes().stream().map(ElasticsearchNode::name).toList());
    }

    @Test
    @Order(2)
    void bulkIndexingThroughAnotherNodeDuringAPublishLosesNothingAndSwitchesOnce() throws Exception {
        Rest ingest = Rest.of(cluster().node(2));
        ingest.put("/_ingest/pipeline/custom-netblock",
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"database\":\"custom\",\"properties\":[\"netblock.name\"]}}]}");
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.CountDownLatch firstBulk = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> bulkErrors = new ArrayList<>();
        int[] sent = {0};
        Thread indexer = new Thread(() -> {
            try {
                // bounded: at most 400 bulks of 50; it goes on for 5 bulks after the publish is over
                int afterStop = 0;
                for (int bulk = 0; bulk < 400 && afterStop < 5; bulk++) {
                    if (stop.get()) {
                        afterStop++;
                    }
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < 50; i++) {
                        body.append(Rest.line(Map.of("index", Map.of("_index", "dist-logs", "pipeline", "custom-netblock"))));
                        body.append(Rest.line(Map.of("seq", sent[0] + i, "source", Map.of("ip", IP))));
                    }
                    bulkErrors.addAll(Rest.bulkFailures(ingest.bulk(body.toString())));
                    sent[0] += 50;
                    firstBulk.countDown();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "indexer");
        indexer.start();
        assertThat(firstBulk.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the first bulk (creates the index)").isTrue();
        long start = System.nanoTime();
        CliRun run = publish(database("V2-NET").toString());
        long took = (System.nanoTime() - start) / 1_000_000;
        stop.set(true);
        indexer.join(120_000);
        assertThat(indexer.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        System.out.printf("publish of a %,d-byte database to 3 nodes (%s) took %,d ms%n", Files.size(dir.resolve("V2-NET.nbdb")), platform, took);
        assertThat(bulkErrors).isEmpty();
        ingest.refresh("dist-logs");
        assertThat(ingest.count("dist-logs")).isEqualTo(sent[0]);
        // in the order they were sent, the documents name V1-NET, then V2-NET: one switch, no document without a name
        JsonNode hits = ingest.post("/dist-logs/_search", "{\"size\":" + sent[0] + ",\"sort\":[{\"seq\":\"asc\"}],\"_source\":[\"seq\",\"source.netblock.name\"]}")
                .at("/hits/hits");
        StringBuilder sequence = new StringBuilder();
        String last = null;
        int switches = 0;
        for (JsonNode h : hits) {
            String name = h.at("/_source/source/netblock/name").asText("MISSING");
            if (!name.equals(last)) {
                sequence.append(name).append(' ');
                if (last != null) {
                    switches++;
                }
                last = name;
            }
        }
        assertThat(hits.size()).isEqualTo(sent[0]);
        assertThat(sequence.toString().trim()).isEqualTo("V1-NET V2-NET");
        assertThat(switches).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aDamagedUploadAndAnInterruptedOneAreNeverCurrentAnywhereAndSayWhy() throws Exception {
        byte[] next = Files.readAllBytes(database("DAMAGED-NET"));
        byte[] damaged = next.clone();
        damaged[damaged.length / 2] ^= 0x01;
        Rest node0 = Rest.of(cluster().node(0));
        node0.put("/_netblock/database/custom/_upload/damaged?offset=0", Rest.uploadChunk(damaged, 0, damaged.length));
        Rest.Refusal refused = node0.refused("POST", "/_netblock/database/custom/_publish",
                "{\"upload_id\":\"damaged\",\"sha256\":\"" + sha256(next) + "\",\"size\":" + next.length + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("checksum mismatch").contains("the current version keeps serving");

        byte[] half = Arrays.copyOf(Files.readAllBytes(database("HALF-NET")), 200);
        node0.put("/_netblock/database/custom/_upload/interrupted?offset=0", Rest.uploadChunk(half, 0, half.length));

        for (ElasticsearchNode node : cluster().nodes()) {
            assertThat(netname(node)).as(node.name()).isEqualTo("V2-NET");
        }
        JsonNode described = Rest.of(cluster().node(2)).get("/_netblock/database/custom");
        assertThat(described.at("/databases/custom/current/generation").asLong()).isEqualTo(2);
        assertThat(described.at("/databases/custom/active_on").size()).isEqualTo(3);
        JsonNode upload = described.at("/uploads_in_progress/0");
        assertThat(upload.path("upload_id").asText()).isEqualTo("interrupted");
        assertThat(upload.path("node").asText()).isEqualTo(cluster().node(0).name());
        assertThat(upload.path("received_in_bytes").asLong()).isEqualTo(200);
        // the node that refused the damaged upload says why in its stats
        JsonNode stats = node0.get("/_netblock/stats/_local");
        JsonNode mine = stats.path("nodes").elements().next();
        assertThat(mine.at("/cluster_databases/databases/custom/failure/reason").asText()).contains("checksum mismatch");
    }

    @Test
    @Order(4)
    void aStoppedNodeCatchesUpANodeThatJoinsLaterGetsTheCurrentVersionAndAFullRestartKeepsIt() throws Exception {
        cluster().stopNode(2);
        CliRun run = publish(database("V3-NET").toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("generation 3").doesNotContain(cluster().node(2).name());
        cluster().startNode(2);
        assertThat(awaitNetname(cluster().node(2), "V3-NET")).isEqualTo("V3-NET");
        ElasticsearchNode late = cluster().addNode();
        assertThat(awaitNetname(late, "V3-NET")).isEqualTo("V3-NET");
        cluster().restartAll();
        for (ElasticsearchNode node : cluster().nodes()) {
            // served from each node's own copy, before any node hears from another
            assertThat(netname(node)).as(node.name()).isEqualTo("V3-NET");
        }
    }

    @Test
    @Order(5)
    void rollbackServesThePreviousVersionEverywhereAndDeleteRemovesTheName() throws Exception {
        CliRun rollback = publish("--rollback");
        assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("generation 4");
        for (ElasticsearchNode node : cluster().nodes()) {
            assertThat(netname(node)).as(node.name()).isEqualTo("V2-NET");
        }
        JsonNode deleted = Rest.of(cluster().node(1)).call("DELETE", "/_netblock/database/custom", null);
        assertThat(deleted.path("result").asText()).isEqualTo("deleted");
        for (ElasticsearchNode node : cluster().nodes()) {
            assertThat(netname(node)).as(node.name()).isNull();
        }
        assertThat(Rest.of(cluster().node(0)).refused("DELETE", "/_netblock/database/custom", null).status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void anUploadSpreadOverTheNodesAsBehindALoadBalancerFollowsTheNodeOfItsFirstChunk() throws Exception {
        byte[] file = Files.readAllBytes(database("BALANCED-NET"));
        int chunk = 256;
        assertThat(file.length).as("enough chunks to reach three nodes").isGreaterThan(2 * chunk);
        String holder = null;
        for (int i = 0, off = 0; off < file.length; i++, off += chunk) {
            String path = "/_netblock/database/custom/_upload/balanced?offset=" + off + (holder == null ? "" : "&node=" + holder);
            JsonNode answer = Rest.of(cluster().node(i % 3)).put(path, Rest.uploadChunk(file, off, chunk));
            holder = holder == null ? answer.path("node_id").asText() : holder;
            assertThat(answer.path("node").asText()).as("chunk %d, sent to %s", i, cluster().node(i % 3).name()).isEqualTo(cluster().node(0).name());
            assertThat(answer.path("received_in_bytes").asLong()).isEqualTo(Math.min(file.length, off + chunk));
        }
        JsonNode published = Rest.of(cluster().node(2)).post("/_netblock/database/custom/_publish?node=" + holder,
                "{\"upload_id\":\"balanced\",\"sha256\":\"" + sha256(file) + "\",\"size\":" + file.length + "}");
        assertThat(published.path("result").asText()).isEqualTo("published");
        for (ElasticsearchNode node : cluster().nodes()) {
            assertThat(awaitNetname(node, "BALANCED-NET")).as(node.name()).isEqualTo("BALANCED-NET");
        }
        // a later chunk that reaches another node without naming the first is refused with what to do
        Rest.of(cluster().node(0)).put("/_netblock/database/custom/_upload/split?offset=0", Rest.uploadChunk(file, 0, chunk));
        Rest.Refusal lost = Rest.of(cluster().node(1)).refused("PUT", "/_netblock/database/custom/_upload/split?offset=" + chunk, Rest.uploadChunk(file, chunk, chunk));
        assertThat(lost.status()).isEqualTo(400);
        assertThat(lost.body()).contains("its first chunks went to another node").contains("node=<the node_id");
        // and a node the cluster does not have is named
        Rest.Refusal gone = Rest.of(cluster().node(1)).refused("PUT", "/_netblock/database/custom/_upload/split?offset=" + chunk + "&node=no-such-node",
                Rest.uploadChunk(file, chunk, chunk));
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.body()).contains("node [no-such-node], which holds upload [split] of database [custom], is not in the cluster");
    }

    @Test
    @Order(7)
    void aKeptFileSomeoneCopiedOverAndOddFilesInTheStoreNeitherReachWhatIsServedNorStopARestartedNode() throws Exception {
        byte[] published = Files.readAllBytes(dir.resolve("BALANCED-NET.nbdb"));
        Path store = cluster().node(1).home().resolve("data/ingest-netblock");
        Path kept;
        try (var files = Files.list(store.resolve("custom"))) {
            kept = files.filter(f -> f.toString().endsWith(".nbdb")).filter(f -> {
                try {
                    return java.util.Arrays.equals(Files.readAllBytes(f), published);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
        }
        // the operator: another good database copied over the live version's kept file, a folder and a stray file in .uploads
        Files.write(kept, Files.readAllBytes(database("COPIED-OVER-NET")));
        Files.createDirectories(store.resolve(".uploads/custom.mine.part")).resolve("notes.txt").toFile().createNewFile();
        Files.writeString(store.resolve(".uploads/README"), "do not touch");
        assertThat(netname(cluster().node(1))).as("the running node serves its private copy").isEqualTo("BALANCED-NET");

        cluster().stopNode(1);
        cluster().startNode(1);
        // the changed file is not that version: discarded at start, fetched again from another node
        assertThat(awaitNetname(cluster().node(1), "BALANCED-NET")).isEqualTo("BALANCED-NET");
        assertThat(Files.readAllBytes(kept)).isEqualTo(published);
        assertThat(store.resolve(".uploads/custom.mine.part/notes.txt")).exists();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
