package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import io.github.netblock.loader.cli.NetblockLoader;
import io.github.netblock.loader.testing.FixtureServers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A bulk-indexing loop runs while netblock-loader fetches new feeds from real FTP and HTTP servers
 * on loopback, builds and publishes into the node's config folder; the plugin swaps databases under
 * load. No document may fail or go missing; documents carry the old annotation until the swap and
 * the new one after it, never the old one again.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
class UpdateWhileIndexingIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("update")
            .c1Compiler(false)); // sustained bulk load: the optimising compiler

    @Parameter
    Platform platform;

    @TempDir
    Path dir;

    private static void dump(Path ftpRoot, String netname) throws IOException {
        Path f = ftpRoot.resolve("ripe/ripe.db.inetnum.gz");
        Files.createDirectories(f.getParent());
        String rpsl = "inetnum:        203.0.113.0 - 203.0.113.255\nnetname:        " + netname
                + "\ncountry:        NL\nstatus:         ASSIGNED PA\nsource:         RIPE\n\n"
                + "inetnum:        198.51.100.0 - 198.51.100.255\nnetname:        STEADY-NET\ncountry:        DE\nsource:         RIPE\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(rpsl.getBytes());
        }
    }

    private static void update(Path config, Path folder) {
        StringWriter err = new StringWriter();
        CommandLine cli = NetblockLoader.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute("update", "-c", config.toString(), "--to", folder.toString(), "--name", "live", "--force");
        assertThat(exit).as(err.toString()).isZero();
    }

    @Test
    void noDocumentIsLostOrFailsWhileTheDatabaseIsReplaced() throws Exception {
        ElasticsearchNode node = ES.node();
        Rest rest = Rest.of(node);
        Path ftpRoot = dir.resolve("ftp");
        Path httpRoot = Files.createDirectories(dir.resolve("http"));
        Files.writeString(httpRoot.resolve("asn-ipv4.csv"), "203.0.113.0,203.0.113.255,64500,Example AS\n");
        dump(ftpRoot, "OLD-NET");
        try (FixtureServers servers = new FixtureServers(ftpRoot, httpRoot, "anonymous", "it@")) {
            Path config = dir.resolve("loader.yml");
            Files.writeString(config, "cache: cache\nfeeds:\n"
                    + "  - name: ripe\n    format: rpsl\n    urls: [" + servers.ftpUrl("ripe/ripe.db.inetnum.gz") + "]\n"
                    + "  - name: asn\n    format: asn-csv\n    urls: [" + servers.httpUrl("asn-ipv4.csv") + "]\n");
            update(config, node.configFolder());
            rest.put("/_ingest/pipeline/live",
                    "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"database\":\"live\",\"properties\":[\"netblock.name\",\"as.number\"]}}]}");
            waitFor(rest, "OLD-NET");

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            Thread indexer = new Thread(() -> {
                try {
                    for (int batch = 0; batch < 400 && !stop.get(); batch++) { // bounded: at most 400 x 20 documents
                        StringBuilder bulk = new StringBuilder();
                        for (int i = 0; i < 20; i++) {
                            int seq = sent.getAndIncrement();
                            bulk.append(Rest.line(Map.of("index", Map.of("_index", "logs-live", "pipeline", "live"))))
                                    .append(Rest.line(Map.of("seq", seq, "source", Map.of("ip", "203.0.113." + (seq % 250 + 1)))));
                        }
                        failures.addAll(Rest.bulkFailures(rest.bulk(bulk.toString()))); // each "<_id>: <error.reason>"
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
            });
            indexer.start();
            Thread.sleep(1000);
            dump(ftpRoot, "NEW-NET");
            update(config, node.configFolder());
            // keep indexing until documents carry the new annotation (the watcher looks every second on test nodes)
            for (int i = 0; i < 180 && !latestName(rest).equals("NEW-NET"); i++) { // at most 90 s
                Thread.sleep(500);
            }
            Thread.sleep(1000);
            stop.set(true);
            indexer.join(60_000);

            assertThat(failures).isEmpty();
            rest.refresh("logs-live");
            long indexed = rest.count("logs-live");
            assertThat(indexed).isEqualTo(sent.get());
            // every document is annotated; names switch once, from OLD to NEW, in sequence order
            JsonNode all = rest.post("/logs-live/_search", "{\"size\":10000,\"sort\":[{\"seq\":\"asc\"}]}").at("/hits/hits");
            String previous = "OLD-NET";
            int switches = 0;
            for (JsonNode h : all) {
                Map<?, ?> source = (Map<?, ?>) Rest.JSON.convertValue(h.get("_source"), Map.class).get("source");
                String name = String.valueOf(((Map<?, ?>) source.get("netblock")).get("name"));
                assertThat(((Map<?, ?>) source.get("as")).get("number")).isEqualTo(64500);
                assertThat(name).isIn("OLD-NET", "NEW-NET");
                if (!name.equals(previous)) {
                    switches++;
                    previous = name;
                }
            }
            assertThat(all).hasSize((int) indexed);
            assertThat(previous).isEqualTo("NEW-NET");
            assertThat(switches).isEqualTo(1);
        }
    }

    private static void waitFor(Rest rest, String name) throws Exception {
        for (int i = 0; i < 60; i++) {
            JsonNode r = rest.post("/_ingest/pipeline/live/_simulate", "{\"docs\":[{\"_source\":{\"source\":{\"ip\":\"203.0.113.1\"}}}]}");
            JsonNode doc = r.at("/docs/0/doc/_source");
            String json = doc.isMissingNode() ? "" : doc.toString();
            if (json.contains(name)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the node never served " + name);
    }

    private static String latestName(Rest rest) throws IOException {
        rest.refresh("logs-live");
        JsonNode hits;
        try {
            hits = rest.post("/logs-live/_search", "{\"size\":1,\"sort\":[{\"seq\":\"desc\"}]}").at("/hits/hits");
        } catch (Rest.Failed e) {
            if (e.status() == 400) {
                return "NOT-YET"; // the first bulk has not mapped seq yet
            }
            throw e;
        }
        if (hits.isEmpty()) {
            return "OLD-NET";
        }
        return hits.get(0).at("/_source/source/netblock/name").asText();
    }
}
