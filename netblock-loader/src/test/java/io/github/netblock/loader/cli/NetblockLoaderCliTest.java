package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.loader.config.FeedFormat;
import io.github.netblock.loader.config.LoaderConfig.FeedConfig;
import io.github.netblock.loader.config.LoaderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on fixture feeds in their real formats. */
class NetblockLoaderCliTest {
    private static final Path FEEDS = Path.of("src/test/resources/feeds").toAbsolutePath();

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path build() {
        Path db = dir.resolve("fixture.nbdb");
        CliRun r = run("build", "--config", FEEDS.resolve("loader.yml").toString(), "--output", db.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + db);
        assertThat(r.err()).contains("warning: ").contains("ripe.db.inetnum:58");
        return db;
    }

    @Test
    void buildPublishAndLookupGiveTheChainOwnerAbuseAsAndCountry() throws IOException {
        Path db = build();
        Path folder = dir.resolve("es-config/ingest-netblock");
        CliRun published = run("publish", db.toString(), "--to", folder.toString(), "--create-dirs");
        assertThat(published.exit()).as(published.err()).isZero();
        Path live = folder.resolve("default.nbdb");
        assertThat(live).exists();

        CliRun lookup = run("lookup", "87.237.226.70", "--db", live.toString(), "--json");
        assertThat(lookup.exit()).as(lookup.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(lookup.out());
        JsonNode leaf = r.at("/netblocks/0");
        assertThat(leaf.at("/name").asText()).isEqualTo("ICCSAT871");
        assertThat(leaf.at("/owner/name").asText()).isEqualTo("DVB Customer");
        assertThat(leaf.at("/country_iso_code").asText()).isEqualTo("SA");
        // the ASN feed's 87.237.224.0-87.237.239.255 covers the assignment: its origin AS is attached
        assertThat(leaf.at("/as/number").asLong()).isEqualTo(39386);
        assertThat(r.at("/reverse_dns/domain").asText()).isEqualTo("scanner7.scan.example.co.uk");
        assertThat(r.at("/reverse_dns/registered_domain").asText()).isEqualTo("example.co.uk");
        assertThat(r.at("/registrar/name").asText()).isEqualTo("Example Registrar Ltd");
        assertThat(r.at("/registrar/iana_id").asLong()).isEqualTo(1234);
        JsonNode alloc = r.at("/netblocks/1");
        assertThat(alloc.at("/name").asText()).isEqualTo("SA-ICCSAT-20071009");
        assertThat(alloc.at("/owner/name").asText()).isEqualTo("International Communication Co. (ICCS)");
        assertThat(alloc.at("/abuse/email").asText()).isEqualTo("abuse@iccs.example");
        assertThat(r.at("/netblocks").size()).isEqualTo(2);
        JsonNode crossing = new ObjectMapper().readTree(run("lookup", "87.237.239.9", "--db", live.toString(), "--json").out());
        assertThat(crossing.at("/netblocks/0/name").asText()).isEqualTo("SA-ICCSAT-20071009");

        // ODD-RANGE has its own country (NL, from the dump); 2.16.0.0 only delegated stats know: DE, RIPE
        JsonNode delegated = new ObjectMapper().readTree(run("lookup", "2.16.1.1", "--db", live.toString(), "--json").out());
        assertThat(delegated.at("/netblocks/0/country_iso_code").asText()).isEqualTo("DE");
        assertThat(delegated.at("/netblocks/0/registry").asText()).isEqualTo("RIPE");
        // an address only the ASN and country feeds know: no block, the routing and location views answer
        CliRun viewsOnly = run("lookup", "198.51.100.7", "--db", live.toString(), "--json");
        assertThat(viewsOnly.exit()).as(viewsOnly.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(viewsOnly.out());
        assertThat(doc.at("/netblocks").size()).isZero();
        assertThat(doc.at("/as/number").asLong()).isEqualTo(64511);
        assertThat(doc.at("/geo/country_iso_code").asText()).isEqualTo("US");

        CliRun text = run("lookup", "185.0.0.1", "--db", live.toString());
        assertThat(text.out()).contains("185.0.0.0/24  EU-WIDE").contains("abuse@eu-wide.example").contains("AS64496 Example EU, Ltd.");
        assertThat(run("lookup", "10.9.9.9", "--db", live.toString()).exit()).isEqualTo(NetblockLoader.NOT_FOUND);
    }

    @Test
    void inspectShowsSourcesInPrecedenceOrderAndCounts() throws IOException {
        Path db = build();
        CliRun r = run("inspect", db.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/description").asText()).isEqualTo("fixture build");
        assertThat(j.at("/sources/0/name").asText()).isEqualTo("ripe");
        assertThat(j.at("/sources/1/name").asText()).isEqualTo("lacnic");
        assertThat(j.at("/sources/0/blocks").asLong()).isEqualTo(5);
        // CROSSING (87.237.239.0 - 87.237.240.255, modified 2010) cuts across the end of the stronger
        // SA-ICCSAT-20071009 allocation (modified 2016): dropped by the overlap rule
        assertThat(j.at("/counts/dropped_overlaps").asLong()).isEqualTo(1);
        assertThat(j.at("/checksum_verified").asBoolean()).isTrue();
        assertThat(run("inspect", db.toString()).out()).contains("sources (strongest first)").contains("delegated-ripencc");
    }

    @Test
    void inspectPrintsADashForASourceWithoutSerialOrDate() throws IOException {
        Path db = dir.resolve("no-serial.nbdb");
        io.github.netblock.index.builder.NetblockDatabaseBuilder b = new io.github.netblock.index.builder.NetblockDatabaseBuilder()
                .addSource(new io.github.netblock.index.model.SourceInfo("ranges", "asn-csv", null, null, 0));
        b.add(io.github.netblock.index.model.Netblock.builder("192.0.2.0/24").name("TEST-NET-1").source("ranges").build());
        b.build(db);
        CliRun r = run("inspect", db.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("null").containsPattern("ranges +asn-csv +serial - +date - +1 blocks")
                .contains("data date     (none)");
    }

    @Test
    void publishingOverACorruptFileSaysSoInsteadOfCountingMinusOneBlocks() throws IOException {
        Path db = build();
        Path folder = Files.createDirectories(dir.resolve("published"));
        Files.writeString(folder.resolve("default.nbdb"), "not a database");
        CliRun r = run("publish", db.toString(), "--to", folder.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("replacing a file that was not a readable database, kept as").doesNotContain("replacing -1");
    }

    @Test
    void publishRefusesABigDropUnlessForcedAndKeepsTheReplacedVersion() throws IOException {
        Path db = build();
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        assertThat(run("publish", db.toString(), "--to", folder.toString()).exit()).isZero();
        Path small = dir.resolve("small.yml");
        Files.writeString(small, "feeds:\n  - name: lacnic\n    format: rpsl\n    files: [" + FEEDS.resolve("rpsl/lacnic.db") + "]\n");
        Path smallDb = dir.resolve("small.nbdb");
        assertThat(run("build", "-c", small.toString(), "-o", smallDb.toString(), "-q").exit()).isZero();

        CliRun refused = run("publish", smallDb.toString(), "--to", folder.toString());
        assertThat(refused.exit()).isEqualTo(NetblockLoader.REFUSED);
        assertThat(refused.err()).contains("fewer than").contains("--force");
        assertThat(run("inspect", folder.resolve("default.nbdb").toString(), "--json").out()).contains("fixture build");

        assertThat(run("publish", smallDb.toString(), "--to", folder.toString(), "--force").exit()).isZero();
        try (Stream<Path> history = Files.list(folder.resolve(".history"))) {
            assertThat(history.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("default.").endsWith(".nbdb.previous");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("default.nbdb", ".history");
        }
        // rollback: the big database is back, the small one is kept in turn
        CliRun back = run("publish", "--rollback", "--to", folder.toString());
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(run("inspect", folder.resolve("default.nbdb").toString(), "--json").out()).contains("fixture build");
        try (Stream<Path> history = Files.list(folder.resolve(".history"))) {
            assertThat(history).hasSize(1);
        }
        assertThat(run("publish", "--to", folder.toString()).exit()).isEqualTo(2);
        assertThat(run("publish", "--rollback", "--to", Files.createDirectories(dir.resolve("empty")).toString()).exit())
                .isEqualTo(NetblockLoader.REFUSED);
        // a folder that does not exist is a wrong --to, not a folder without history
        assertThat(run("publish", "--rollback", "--to", dir.resolve("missing").toString()).exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
    }

    @Test
    void badInputGetsExitCodeThreeAndANamedError() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "feeds:\n  - name: x\n    format: rpsl\n    file: [a]\n");
        CliRun r = run("build", "-c", bad.toString(), "-o", dir.resolve("x.nbdb").toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains("bad.yml").contains("unknown setting [file]");

        Path corrupt = dir.resolve("corrupt.nbdb");
        Files.writeString(corrupt, "not a database");
        CliRun c = run("inspect", corrupt.toString());
        assertThat(c.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(c.err()).contains("corrupt.nbdb");

        Path budget = dir.resolve("budget.yml");
        Files.writeString(budget, "feeds:\n  - name: ripe\n    format: rpsl\n    error_budget: 0\n    files: ["
                + FEEDS.resolve("rpsl/ripe.db.inetnum") + "]\n");
        CliRun over = run("build", "-c", budget.toString(), "-o", dir.resolve("b.nbdb").toString());
        assertThat(over.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(over.err()).contains("feed ripe has more than 0 bad records").contains("ripe.db.inetnum:58");
        assertThat(dir.resolve("b.nbdb")).doesNotExist();
    }

    @Test
    void theDefaultConfigurationNamesTheRirSourcesAndParses() throws IOException {
        var c = LoaderConfig.read(Path.of("config/netblock-loader.yml"));
        var active = c.feeds().stream().filter(FeedConfig::active)
                .map(FeedConfig::name).toList();
        assertThat(active).containsExactly("ripe", "apnic", "afrinic", "lacnic", "delegated-ripencc", "delegated-apnic",
                "delegated-afrinic", "delegated-lacnic", "delegated-arin", "rdap-networks", "resolved-rdns", "resolved-registrars");
        assertThat(c.feeds()).filteredOn(f -> f.name().equals("arin-bulk")).singleElement().satisfies(f -> {
            assertThat(f.active()).isFalse();
            assertThat(f.format()).isEqualTo(FeedFormat.ARIN);
        });
        // APNIC's owners are in its organisation file, its abuse contacts in its irt file (mnt-irt:)
        assertThat(c.feeds()).filteredOn(f -> f.name().equals("apnic")).singleElement().satisfies(f -> assertThat(f.urls())
                .contains("https://ftp.apnic.net/apnic/whois/apnic.db.organisation.gz", "https://ftp.apnic.net/apnic/whois/apnic.db.irt.gz"));
        assertThat(c.feeds()).filteredOn(f -> f.name().startsWith("delegated")).allSatisfy(f -> assertThat(f.checkMd5()).isTrue());
    }

    @Test
    void everyRefusesWhatIsNoDurationAndLoopsFasterThanTenMinutes() {
        for (String every : new String[] {"daily", "0s", "0", "30s", "9m", "-1h"}) {
            CliRun bad = run("update", "-c", "x.yml", "--to", dir.toString(), "--every", every);
            assertThat(bad.exit()).as(every).isEqualTo(2);
            assertThat(bad.err()).as(every).contains("--every [" + every + "]");
        }
        assertThat(run("update", "-c", "x.yml", "--to", dir.toString(), "--every", "30s").err()).contains("at least 10 minutes");
        // a valid period gets past the option checks to the next one: the missing configuration (exit 3)
        assertThat(run("update", "-c", dir.resolve("missing.yml").toString(), "--to", dir.toString(), "--every", "24h").exit()).isEqualTo(3);
    }
}
