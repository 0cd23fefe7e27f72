package io.github.netblock.loader.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build pipeline on its own, from configurations of small feeds written here. */
class DatabasePipelineTest {
    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String feed(String name, String format, Path... files) {
        return "  - name: " + name + "\n    format: " + format + "\n    files: ["
                + List.of(files).stream().map(Path::toString).collect(Collectors.joining(", ")) + "]\n";
    }

    private DatabasePipeline.Result build(Path output, String... feeds) throws IOException {
        Path config = file(output.getFileName() + ".yml", "description: pipeline test\nfeeds:\n" + String.join("", feeds));
        BuildPlan plan = ConfiguredFeeds.plan(LoaderConfig.read(config), dir);
        return new DatabasePipeline(new PrintWriter(log, true), Progress.NONE).build(plan, output);
    }

    private static List<Netblock> blocks(Path db) throws IOException {
        List<Netblock> out = new ArrayList<>();
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            for (int i = 0; i < d.blockCount(); i++) {
                out.add(d.block(i));
            }
        }
        return out;
    }

    private static Netblock block(Path db, String range) throws IOException {
        IpRange r = IpRange.parse(range);
        return blocks(db).stream().filter(b -> b.range().equals(r)).findFirst().orElseThrow(() -> new AssertionError("no block " + range));
    }

    // the AS-name join

    @Test
    void autNumNamesReachTheAsesOfEveryFeedWhateverTheOrderOfTheFeeds() throws IOException {
        String rpsl = feed("ripe", "rpsl", file("ripe.db", """
                aut-num:        AS64500
                as-name:        EXAMPLE-NET-AS

                inetnum:        192.0.2.0 - 192.0.2.255
                netname:        DOC-NET
                country:        NL
                """));
        // a WhoisXML record with the AS number alone, a delegated block inside an ASN row without organisation
        String whoisxml = feed("wx", "whoisxml", file("netblocks.jsonl", """
                {"inetnum":"198.51.100.0 - 198.51.100.255","netname":"WX-NET","as":{"asn":64500}}
                """));
        String delegated = feed("delegated", "delegated", file("delegated", "ripencc|DE|ipv4|203.0.113.0|128|20100712|allocated\n"));
        String asn = feed("asn", "asn-csv", file("asn.csv", "203.0.113.0,203.0.113.255,64500,\n"));

        Path autNumFirst = dir.resolve("first.nbdb");
        build(autNumFirst, rpsl, whoisxml, delegated, asn);
        Path autNumLast = dir.resolve("last.nbdb");
        build(autNumLast, whoisxml, delegated, asn, rpsl);

        for (Path db : List.of(autNumFirst, autNumLast)) {
            assertThat(block(db, "198.51.100.0/24").asName()).as(db.toString()).isEqualTo("EXAMPLE-NET-AS");
            Netblock delegatedBlock = block(db, "203.0.113.0/25");
            assertThat(delegatedBlock.asNumber()).isEqualTo(64500L);
            assertThat(delegatedBlock.asName()).as(db.toString()).isEqualTo("EXAMPLE-NET-AS");
            try (NetblockDatabase d = NetblockDatabase.open(db)) {
                // the ASN row itself is the routing view's, named by the join too
                assertThat(d.originAs(IpAddress.parse("203.0.113.200"))).contains(new io.github.netblock.index.model.OriginAs(64500, "EXAMPLE-NET-AS"));
            }
        }
        // no block's range overlaps another's, so precedence decides nothing: the blocks are the same
        assertThat(blocks(autNumLast)).containsExactlyInAnyOrderElementsOf(blocks(autNumFirst));
    }

    @Test
    void whereTwoFeedsNameOneAsTheStrongerFeedsNameWins() throws IOException {
        String ripe = feed("ripe", "rpsl", file("ripe.db", "aut-num: AS64500\nas-name: RIPE-NAME\n\ninetnum: 192.0.2.0 - 192.0.2.255\nnetname: A\n"));
        String apnic = feed("apnic", "rpsl", file("apnic.db", "aut-num: AS64500\nas-name: APNIC-NAME\n\ninetnum: 192.0.3.0 - 192.0.3.255\nnetname: B\n"));
        String whoisxml = feed("wx", "whoisxml", file("netblocks.jsonl", "{\"inetnum\":\"198.51.100.0/24\",\"as\":{\"asn\":64500}}\n"));

        Path ripeFirst = dir.resolve("ripe-first.nbdb");
        build(ripeFirst, whoisxml, ripe, apnic);
        Path apnicFirst = dir.resolve("apnic-first.nbdb");
        build(apnicFirst, whoisxml, apnic, ripe);

        assertThat(block(ripeFirst, "198.51.100.0/24").asName()).isEqualTo("RIPE-NAME");
        assertThat(block(apnicFirst, "198.51.100.0/24").asName()).isEqualTo("APNIC-NAME");
    }

    // merge and overlay

    /** An ASN range over 203.0.113.0/24, a country range over its first half, and WhoisXML blocks in and around them. */
    private Path rangesAndBlocks() throws IOException {
        Path db = dir.resolve("ranges.nbdb");
        build(db,
                feed("wx", "whoisxml", file("netblocks.jsonl", """
                        {"inetnum":"203.0.113.0 - 203.0.113.63","netname":"INSIDE"}
                        {"inetnum":"203.0.113.64 - 203.0.113.127","netname":"OWN-AS","country":"FR","as":{"asn":64999,"name":"OWN"}}
                        {"inetnum":"203.0.113.128 - 203.0.113.191","netname":"NO-COUNTRY"}
                        {"inetnum":"198.51.100.0 - 198.51.100.255","netname":"OUTSIDE"}
                        """)),
                feed("asn", "asn-csv", file("asn.csv", "203.0.113.0,203.0.113.255,64501,Example Org\n")),
                feed("country", "country-csv", file("country.csv", "203.0.113.0,203.0.113.127,de\n192.0.2.0,192.0.2.255,nl\n")));
        return db;
    }

    /** What the merge and overlay stages decide about a block. */
    private record Joined(Long asNumber, String asName, String country, String ownerName, String ownerId, String source) {
        static Joined of(Netblock b) {
            return new Joined(b.asNumber(), b.asName(), b.country(), b.ownerName(), b.ownerId(), b.source());
        }
    }

    private static Joined joined(Path db, String range) throws IOException {
        return Joined.of(block(db, range));
    }

    @Test
    void aBlockTakesTheAsItLacksFromRangesThatCoverItWholeAndKeepsTheRegistrysCountry() throws IOException {
        Path db = rangesAndBlocks();
        // the AS organisation is not the block's owner; the location data's country is not the registry's
        assertThat(joined(db, "203.0.113.0/26")).isEqualTo(new Joined(64501L, "Example Org", null, null, null, "wx"));
        assertThat(joined(db, "203.0.113.64/26")).isEqualTo(new Joined(64999L, "OWN", "FR", null, null, "wx"));
        assertThat(joined(db, "203.0.113.128/26")).isEqualTo(new Joined(64501L, "Example Org", null, null, null, "wx"));
        assertThat(joined(db, "198.51.100.0/24")).isEqualTo(new Joined(null, null, null, null, null, "wx"));
    }

    @Test
    void theRangesBecomeTheRoutingAndLocationViewsAndNoBlocks() throws IOException {
        Path db = rangesAndBlocks();
        // only the four WhoisXML blocks: no piece of the AS or country ranges is a netblock
        assertThat(blocks(db)).extracting(Netblock::name).containsExactlyInAnyOrder("INSIDE", "OWN-AS", "NO-COUNTRY", "OUTSIDE");
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            var example = new io.github.netblock.index.model.OriginAs(64501, "Example Org");
            // the routing view: the ASN row, also where a block names another AS of its own (64999)
            assertThat(d.originAs(IpAddress.parse("203.0.113.70"))).contains(example);
            assertThat(d.originAs(IpAddress.parse("203.0.113.255"))).contains(example);
            assertThat(d.originAs(IpAddress.parse("192.0.2.1"))).isEmpty();
            // the location view: the country rows, upper-cased, over blocks and gaps alike
            assertThat(d.country(IpAddress.parse("203.0.113.70"))).contains("DE");
            assertThat(d.country(IpAddress.parse("203.0.113.128"))).isEmpty();
            assertThat(d.country(IpAddress.parse("192.0.2.255"))).contains("NL");
            assertThat(d.lookupChain(IpAddress.parse("203.0.113.70"))).extracting(Netblock::name).containsExactly("OWN-AS");
            assertThat(d.lookupChain(IpAddress.parse("203.0.113.200"))).isEmpty();
        }
    }

    @Test
    void aCompleteFeedsBlocksTakeNothingFromTheRanges() throws IOException {
        Path db = dir.resolve("iana.nbdb");
        build(db,
                feed("iana", "iana-special", file("iana.csv", """
                        Address Block,Name,RFC,Allocation Date,Termination Date
                        192.0.2.0/24,Documentation (TEST-NET-1),[RFC5737],2010-01,N/A
                        192.0.2.128/25,Made up for this test,[RFC0000],2010-01,N/A
                        """)),
                feed("asn", "asn-csv", file("asn.csv", "192.0.2.0,192.0.2.255,64502,Somebody\n")),
                feed("country", "country-csv", file("country.csv", "192.0.2.0,192.0.2.255,US\n")));
        // IANA's blocks take nothing from the ranges
        assertThat(blocks(db)).hasSize(2).allSatisfy(b -> {
            assertThat(b.asNumber()).isNull();
            assertThat(b.country()).isNull();
            assertThat(b.ownerName()).isEqualTo("Internet Assigned Numbers Authority");
        });
    }

    @Test
    void reverseDnsEntriesAndRegistrarsGoIntoTheDatabase() throws IOException {
        Path db = dir.resolve("dns.nbdb");
        build(db,
                feed("rdns", "rdns-csv", file("rdns.csv", "192.0.2.7,Scanner7.Example.co.uk.\n")),
                feed("registrars", "registrar-csv", file("registrars.csv", "example.co.uk,Example Registrar Ltd,1234\n")));
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            var hit = d.lookup(IpAddress.parse("192.0.2.7"), true);
            assertThat(hit.reverseDns().name()).isEqualTo("scanner7.example.co.uk");
            assertThat(hit.reverseDns().registeredDomain()).isEqualTo("example.co.uk");
            assertThat(hit.registrar().name()).isEqualTo("Example Registrar Ltd");
            assertThat(hit.registrar().ianaId()).isEqualTo(1234L);
        }
    }

    // the header

    @Test
    void sourcesAreDeclaredStrongestFirstWithTheDateOfTheirNewestFile() throws IOException {
        Path older = file("delegated-old", "ripencc|DE|ipv4|2.16.0.0|256|20100712|allocated\n");
        Path newer = file("delegated-new", "ripencc|FR|ipv4|2.17.0.0|256|20100712|allocated\n");
        Path asn = file("asn.csv", "2.16.0.0,2.16.0.255,64500,Example\n");
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-11-20T10:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-11-24T23:30:00Z")));
        Files.setLastModifiedTime(asn, FileTime.from(Instant.parse("2026-11-22T00:00:00Z")));
        Path db = dir.resolve("sources.nbdb");
        build(db, feed("delegated", "delegated", older, newer),
                "  - name: off\n    format: rpsl\n    enabled: false\n    files: [missing.db]\n",
                feed("asn", "asn-csv", asn));
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            List<SourceInfo> sources = d.metadata().sources();
            assertThat(sources).extracting(SourceInfo::name).containsExactly("delegated", "asn");
            assertThat(sources).extracting(SourceInfo::format).containsExactly("delegated", "asn-csv");
            assertThat(sources).extracting(SourceInfo::serial).containsExactly("2026-11-24", "2026-11-22");
            assertThat(sources.get(0).date()).isEqualTo(Instant.parse("2026-11-24T23:30:00Z"));
            assertThat(d.metadata().dataDate()).isEqualTo(Instant.parse("2026-11-24T23:30:00Z"));
            assertThat(d.metadata().description()).isEqualTo("pipeline test");
        }
    }

    // refusals and reports

    @Test
    void eachFeedIsReportedWithItsCountAndFirstBadRecords() throws IOException {
        Path delegated = file("delegated", "ripencc|DE|ipv4|2.16.0.0|256|20100712|allocated\nripencc|FR|ipv4\n");
        DatabasePipeline.Result r = build(dir.resolve("report.nbdb"),
                feed("delegated", "delegated", delegated),
                feed("country", "country-csv", file("country.csv", "2.16.0.0,2.16.0.255,DE\n2.17.0.0,2.17.0.255,FR\n")));
        // range feeds and delegated statistics are read first, in the order of the configuration
        assertThat(r.feeds()).extracting(DatabasePipeline.FeedReport::name).containsExactly("delegated", "country");
        assertThat(r.feeds()).extracting(DatabasePipeline.FeedReport::records).containsExactly(1L, 2L);
        assertThat(r.feeds()).extracting(DatabasePipeline.FeedReport::errors).containsExactly(1L, 0L);
        assertThat(r.warnings()).singleElement().asString().startsWith(delegated + ":2: ");
        assertThat(log.toString()).contains("country").contains("2 ranges").contains("1 records");
    }

    @Test
    void aFeedBeyondItsErrorBudgetStopsTheBuildAndNothingIsWritten() throws IOException {
        Path delegated = file("delegated", "ripencc|DE|ipv4|2.16.0.0|256|20100712|allocated\nripencc|FR|ipv4\nripencc|NL|ipv4\n");
        Path out = dir.resolve("budget.nbdb");
        assertThatThrownBy(() -> build(out, "  - name: delegated\n    format: delegated\n    error_budget: 1\n    files: [" + delegated + "]\n"))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("feed delegated has more than 1 bad records").hasMessageContaining(delegated + ":3");
        assertThat(out).doesNotExist();
    }

    @Test
    void anEmptyRangeFeedIsRefusedBeforeAnyBlockFeedIsRead() throws IOException {
        // the dump is beyond its budget at its first line: reading it would fail with another message
        String dump = "  - name: ripe\n    format: rpsl\n    error_budget: 0\n    files: [" + file("ripe.db", "inetnum: 999.0.0.0 - 999.0.0.255\n") + "]\n";
        Path empty = file("asn.csv", "");
        Path out = dir.resolve("empty.nbdb");
        assertThatThrownBy(() -> build(out, dump, feed("asn", "asn-csv", empty)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feed asn (format asn-csv): no records in " + empty + " (0 bytes); is the format right and the file complete? "
                        + "nothing was built");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingFileOfADownloadedFeedSaysToFetchFirst() throws IOException {
        Path config = file("fetched.yml", "cache: cache\nfeeds:\n  - name: ripe\n    format: rpsl\n    urls: [https://example.org/dumps/ripe.db.gz]\n");
        assertThatThrownBy(() -> ConfiguredFeeds.plan(LoaderConfig.read(config), dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feed ripe: file " + dir.resolve("cache/ripe/ripe.db.gz") + " does not exist (run fetch first)");
    }
}
