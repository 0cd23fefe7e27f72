package io.github.netblock.loader.feed.rpsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpslFeedTest {
    private static final Path FIXTURES = Path.of("src/test/resources/feeds/rpsl");

    @TempDir
    Path dir;

    private static Map<String, Netblock> byName(List<Netblock> blocks) {
        return blocks.stream().collect(Collectors.toMap(Netblock::name, Function.identity()));
    }

    private List<Netblock> parse(ParseErrors errors, Path... files) throws IOException {
        List<Netblock> out = new ArrayList<>();
        new RpslFeed("ripe", StandardCharsets.ISO_8859_1, List.of(files), errors).read(blocksTo(out));
        return out;
    }

    private static FeedRecords blocksTo(List<Netblock> out) {
        return new FeedRecords() {
            @Override
            public void block(Netblock block) {
                out.add(block);
            }
        };
    }

    @Test
    void readsRipeSplitDumpsWithOwnersAndAbuseMailboxesFromTheOtherFiles() throws IOException {
        ParseErrors errors = new ParseErrors("ripe", 10);
        Map<String, Netblock> blocks = byName(parse(errors, FIXTURES.resolve("ripe.db.inetnum"),
                FIXTURES.resolve("ripe.db.organisation"), FIXTURES.resolve("ripe.db.role")));
        assertThat(blocks).containsOnlyKeys("SA-ICCSAT-20071009", "ICCSAT871", "EU-WIDE", "ODD-RANGE", "CROSSING");

        Netblock alloc = blocks.get("SA-ICCSAT-20071009");
        assertThat(alloc.range()).isEqualTo(IpRange.parse("87.237.224.0/20"));
        assertThat(alloc.ownerId()).isEqualTo("ORG-ICCS1-RIPE");
        assertThat(alloc.ownerName()).isEqualTo("International Communication Co. (ICCS)");
        assertThat(alloc.abuseEmail()).isEqualTo("abuse@iccs.example"); // org's abuse-c -> role
        assertThat(alloc.status()).isEqualTo("ALLOCATED PA");
        assertThat(alloc.registry()).isEqualTo("RIPE");
        assertThat(alloc.lastModified()).isEqualTo(Instant.parse("2016-04-14T10:03:28Z"));
        assertThat(alloc.source()).isEqualTo("ripe");

        Netblock assignment = blocks.get("ICCSAT871");
        assertThat(assignment.range()).isEqualTo(IpRange.parse("87.237.226.64/27"));
        assertThat(assignment.handle()).isEqualTo("87.237.226.64 - 87.237.226.95");
        assertThat(assignment.ownerName()).isEqualTo("DVB Customer"); // no org: the first descr
        assertThat(assignment.abuseEmail()).isNull();
        assertThat(assignment.country()).isEqualTo("SA");

        Netblock eu = blocks.get("EU-WIDE");
        assertThat(eu.description()).isEqualTo("Pan-European network spanning many countries");
        assertThat(eu.country()).isEqualTo("EU"); // the trailing comment is gone
        assertThat(eu.abuseEmail()).isEqualTo("abuse@eu-wide.example"); // the block's own abuse-c

        Netblock odd = blocks.get("ODD-RANGE");
        assertThat(odd.range().isCidr()).isFalse();
        assertThat(odd.range().toRangeString()).isEqualTo("192.0.2.10 - 192.0.2.20");
        assertThat(odd.country()).isEqualTo("NL"); // repeated attribute: the first

        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).getMessage()).contains("ripe.db.inetnum:58").contains("192.0.2.300");
    }

    @Test
    void readsLacnicNamesAbbreviatedPrefixesAndChangedDates() throws IOException {
        Map<String, Netblock> byRange = parse(new ParseErrors("lacnic", 0), FIXTURES.resolve("lacnic.db")).stream()
                .collect(Collectors.toMap(b -> b.range().toString(), Function.identity()));
        Netblock v4 = byRange.get("200.3.12.0/22");
        assertThat(v4.ownerName()).isEqualTo("Universidad Ejemplo");
        assertThat(v4.ownerId()).isEqualTo("CL-UNEJ-LACNIC");
        assertThat(v4.country()).isEqualTo("CL");
        assertThat(v4.registry()).isEqualTo("LACNIC");
        assertThat(v4.lastModified()).isEqualTo(Instant.parse("2019-10-23T00:00:00Z"));
        assertThat(byRange.get("2001:1288::/32").ownerName()).isEqualTo("Universidad Ejemplo");
    }

    @Test
    void apnicStubRecordsHaveNoCountry() throws IOException {
        Map<String, Netblock> blocks = byName(parse(new ParseErrors("apnic", 0), FIXTURES.resolve("apnic.db.inetnum")));
        assertThat(blocks.get("STUB-14-0").country()).isNull();
        assertThat(blocks.get("APNIC-AP").country()).isEqualTo("AU");
        // every descr: line describes the block; the first names its holder
        assertThat(blocks.get("APNIC-AP").description())
                .isEqualTo("Asia Pacific Network Information Centre\nRegional Internet Registry for the Asia-Pacific Region");
        assertThat(blocks.get("APNIC-AP").ownerName()).isEqualTo("Asia Pacific Network Information Centre");
    }

    @Test
    void readsAGzippedLatin1MixedDump() throws IOException {
        Path mixed = dir.resolve("afrinic.db.gz");
        String text = """
                organisation:   ORG-TEL1-AFRINIC
                org-name:       Telefónica Côte d'Ivoire
                source:         AFRINIC

                inetnum:        41.0.0.0 - 41.0.255.255
                netname:        CI-TEL
                org:            ORG-TEL1-AFRINIC
                country:        CI
                source:         AFRINIC
                """;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(mixed))) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
        Netblock b = parse(new ParseErrors("afrinic", 0), mixed).get(0);
        assertThat(b.ownerName()).isEqualTo("Telefónica Côte d'Ivoire");
        assertThat(b.registry()).isEqualTo("AFRINIC");
    }

    @Test
    void aLatin1DumpReadAsUtf8IsAnErrorNamingFileAndLine() throws IOException {
        Path f = dir.resolve("ripe.db.organisation");
        Files.write(f, "organisation: ORG-X\norg-name: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new RpslFeed("ripe", StandardCharsets.UTF_8, List.of(f), new ParseErrors("ripe", 0)).read(blocksTo(new ArrayList<>())))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("ripe.db.organisation:2").hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aTruncatedGzipDumpIsAnErrorNamingTheFile() throws IOException {
        Path gz = dir.resolve("ripe.db.inetnum.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(FIXTURES.resolve("ripe.db.inetnum")));
        }
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> parse(new ParseErrors("ripe", 100), gz))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("ripe.db.inetnum.gz:").hasMessageContaining("truncated");
    }

    @Test
    void autNumObjectsNameTheirAses() throws IOException {
        RpslFeed feed = new RpslFeed("ripe", StandardCharsets.ISO_8859_1, List.of(FIXTURES.resolve("ripe.db.aut-num")), new ParseErrors("ripe", 0));
        Map<Long, String> asNames = new HashMap<>();
        feed.readDirectory(new FeedRecords() {
            @Override
            public void asName(long asNumber, String name) {
                asNames.put(asNumber, name);
            }
        });
        assertThat(asNames).containsEntry(39386L, "STC-AS").containsEntry(64496L, "EXAMPLE-EU-AS");
    }
}
