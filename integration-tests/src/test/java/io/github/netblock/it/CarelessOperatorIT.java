package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a careless operator does to the watched folder of a live node under bulk load: {@code cp}
 * over the live database (to a larger and to a smaller file, several times), bytes changed in place,
 * a FIFO, a directory and an unreadable file named {@code *.nbdb}, and a restart with them still
 * there. The node stays up, every acknowledged document is indexed and annotated from a valid
 * database, every bad file is reported with its reason, and the next valid file loads.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarelessOperatorIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("careless")
            .c1Compiler(false)); // sustained bulk load: the optimising compiler

    @Parameter
    Platform platform;

    private static final String PIPELINE = "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"database\":\"live\","
            + "\"properties\":[\"netblock.name\",\"netblock.range\"]}}]}";

    @TempDir
    Path dir;

    /**
     * 203.0.113.0/24 named {@code netname}, plus {@code filler} /24 blocks elsewhere, so that versions
     * differ in size (the larger ones are a few megabytes: a truncation cuts through mapped sections).
     */
    private Path database(String netname, int filler) throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now())
                .addSource(new SourceInfo("fixture", "test", null, null, 0));
        b.add(Netblock.builder("203.0.113.0/24").name(netname).source("fixture").build());
        for (int i = 0; i < filler; i++) {
            b.add(Netblock.builder(String.format(Locale.ROOT, "10.%d.%d.0/24", i >> 8, i & 255))
                    .name("FILLER-" + i).description("filler block " + i + " of " + netname).source("fixture").build());
        }
        Path file = dir.resolve(netname + ".nbdb");
        b.build(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    /** The node's REST API (asked for at each call: the node restarts in the second test). */
    private static Rest rest() {
        return Rest.of(ES.node());
    }

    private static JsonNode get(String path) throws IOException {
        return rest().get(path);
    }

    private static String servedName() throws IOException {
        JsonNode doc = rest().post("/_ingest/pipeline/live/_simulate", "{\"docs\":[{\"_source\":{\"source\":{\"ip\":\"203.0.113.9\"}}}]}")
                .at("/docs/0/doc/_source");
        return doc.at("/source/netblock/name").asText("(none: " + doc + ")");
    }

    private static void awaitServed(String netname) throws Exception {
        for (int i = 0; i < 120 && !servedName().equals(netname); i++) { // the watcher looks every second on test nodes (5 s by default)
            Thread.sleep(250);
        }
        assertThat(servedName()).as("the node never served " + netname + "; log:\n" + ES.node().logTail(30)).isEqualTo(netname);
    }

    /** The node's stats, once they satisfy the condition (or as they are after 30 s). */
    private static JsonNode awaitStats(Predicate<JsonNode> condition) throws Exception {
        JsonNode node = null;
        for (int i = 0; i < 120; i++) {
            node = get("/_netblock/stats").get("nodes").elements().next();
            if (condition.test(node)) {
                break;
            }
            Thread.sleep(250);
        }
        return node;
    }

    private static JsonNode database(JsonNode stats, String name) {
        for (JsonNode db : stats.get("databases")) {
            if (db.get("name").asText().equals(name)) {
                return db;
            }
        }
        return Rest.JSON.missingNode();
    }

    private static Set<String> rejectedFiles(JsonNode stats) {
        Set<String> out = new HashSet<>();
        stats.get("recent_rejections").forEach(r -> out.add(Path.of(r.get("file").asText()).getFileName() + ": " + r.get("reason").asText()));
        return out;
    }

    private static List<Path> copiesIn(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ingest-netblock-")).toList();
        }
    }

    @Test
    @Order(1)
    void copyingOverALiveDatabaseUnderBulkLoadNeitherStopsTheNodeNorLosesOrCorruptsADocument() throws Exception {
        ElasticsearchNode node = ES.node();
        Rest rest = Rest.of(node);
        Path live = node.publish(database("V0-NET", 0), "live");
        rest.put("/_ingest/pipeline/live", PIPELINE);
        awaitServed("V0-NET");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Thread indexer = new Thread(() -> {
            try {
                for (int batch = 0; batch < 3000 && !stop.get(); batch++) { // bounded: at most 3000 x 25 documents
                    int first = sent.getAndAdd(25);
                    StringBuilder bulk = new StringBuilder();
                    for (int seq = first; seq < first + 25; seq++) {
                        Map<String, Object> action = new LinkedHashMap<>();
                        action.put("_index", "logs-careless");
                        action.put("_id", Integer.toString(seq));
                        action.put("pipeline", "live");
                        bulk.append(Rest.line(Map.of("index", action)))
                                .append(Rest.line(Map.of("seq", seq, "source", Map.of("ip", "203.0.113." + (seq % 250 + 1)))));
                    }
                    failures.addAll(Rest.bulkFailures(rest.bulk(bulk.toString()))); // each "<_id>: <error.reason>"
                }
            } catch (IOException | RuntimeException e) {
                failures.add(e.toString());
            }
        });
        indexer.start();
        Set<String> valid = new HashSet<>(Set.of("V0-NET"));
        try {
            // cp truncates the file the node used to map and writes the new bytes into it, larger then smaller
            for (int v = 1; v <= 6; v++) {
                String name = "V" + v + "-NET";
                Path next = database(name, v % 2 == 1 ? 30_000 : 10);
                valid.add(name);
                run("cp", next.toString(), live.toString());
                awaitServed(name);
                assertThat(node.isAlive()).isTrue();
            }
            // bytes changed in place, same size: refused, and the data served is the copy loaded before
            try (FileChannel ch = FileChannel.open(live, StandardOpenOption.WRITE)) {
                for (long at = 4096; at < ch.size(); at += 4096) {
                    ch.write(ByteBuffer.wrap(new byte[] {0x5a, 0x5a, 0x5a, 0x5a}), at);
                }
            }
            JsonNode stats = awaitStats(s -> database(s, "live").has("rejected_file"));
            JsonNode liveStats = database(stats, "live");
            assertThat(liveStats.at("/rejected_file/reason").asText()).contains("checksum mismatch");
            assertThat(liveStats.at("/rejected_file/file").asText()).isEqualTo(live.toString());
            assertThat(liveStats.at("/file").asText()).isEqualTo(live.toString());
            for (int i = 0; i < 20; i++) {
                assertThat(servedName()).isEqualTo("V6-NET");
            }
            // the operator repairs it with one more cp
            valid.add("V7-NET");
            run("cp", database("V7-NET", 30_000).toString(), live.toString());
            awaitServed("V7-NET");
            assertThat(database(get("/_netblock/stats").get("nodes").elements().next(), "live").has("rejected_file")).isFalse();
            Thread.sleep(1000);
        } finally {
            stop.set(true);
            indexer.join(120_000);
        }

        assertThat(node.isAlive()).as(node.logTail(60)).isTrue();
        assertThat(failures).isEmpty();
        rest.refresh("logs-careless");
        assertThat(rest.count("logs-careless")).isEqualTo(sent.get());
        // every document carries a name of a valid version and that version's range: no garbage
        Set<String> seen = new HashSet<>();
        String after = null;
        for (int page = 0; ; page++) {
            int from = page * 10_000;
            JsonNode hits = rest.post("/logs-careless/_search", "{\"size\":10000,\"sort\":[{\"seq\":\"asc\"}]"
                    + (after == null ? "" : ",\"search_after\":[" + Long.parseLong(after) + "]") + "}").at("/hits/hits");
            if (hits.isEmpty()) {
                break;
            }
            for (JsonNode h : hits) {
                Map<String, Object> source = Rest.JSON.convertValue(h.get("_source"), new TypeReference<Map<String, Object>>() {});
                Map<?, ?> netblock = (Map<?, ?>) ((Map<?, ?>) source.get("source")).get("netblock");
                assertThat(netblock).as("document " + h.get("_id").asText()).isNotNull();
                assertThat((String) netblock.get("name")).isIn(valid);
                assertThat(netblock.get("range")).isEqualTo(Map.of("gte", "203.0.113.0", "lte", "203.0.113.255"));
                seen.add((String) netblock.get("name"));
                after = String.valueOf(source.get("seq"));
            }
            assertThat(from).isLessThan(1_000_000); // bounded
        }
        assertThat(seen).hasSizeGreaterThan(1);
        // the copies the node maps were unlinked as soon as they were mapped
        assertThat(copiesIn(node.tmpFolder())).isEmpty();
    }

    @Test
    @Order(2)
    void oddFilesInTheFolderAreReportedAndBlockNeitherTheWatcherNorStartUp() throws Exception {
        ElasticsearchNode node = ES.node();
        Path folder = node.configFolder();
        run("mkfifo", folder.resolve("pipe.nbdb").toString());
        Files.createDirectories(folder.resolve("folder.nbdb"));
        Path unreadable = Files.copy(database("UNREADABLE-NET", 0), folder.resolve("unreadable.nbdb"));
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        node.publish(database("AFTER-NET", 0), "live");
        awaitServed("AFTER-NET"); // the watcher went past the FIFO

        PosixFileAttributes owner = Files.readAttributes(unreadable, PosixFileAttributes.class);
        Set<String> expected = Set.of(
                "pipe.nbdb: is not a regular file (a FIFO, socket or device); only regular files are loaded",
                "folder.nbdb: is a directory, not a database file",
                "unreadable.nbdb: cannot be read by the node's user (owner " + owner.owner().getName() + ", group "
                        + owner.group().getName() + ", permissions ---------)");
        JsonNode stats = awaitStats(s -> rejectedFiles(s).containsAll(expected));
        assertThat(rejectedFiles(stats)).containsAll(expected);
        assertThat(database(stats, "unreadable").isMissingNode()).isTrue();

        // start-up opens nothing that can block: the node comes back with the FIFO still there
        node.restart();
        assertThat(servedName()).isEqualTo("AFTER-NET");
        assertThat(rejectedFiles(awaitStats(s -> rejectedFiles(s).containsAll(expected)))).containsAll(expected);
        assertThat(copiesIn(node.tmpFolder())).isEmpty();
    }
}
