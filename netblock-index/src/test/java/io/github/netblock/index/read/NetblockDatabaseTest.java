package io.github.netblock.index.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.builder.BuildReport;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.model.SourceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetblockDatabaseTest {
    private static final Instant BUILT = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private static NetblockDatabaseBuilder builder() {
        return new NetblockDatabaseBuilder()
                .clock(Clock.fixed(BUILT, ZoneOffset.UTC))
                .description("test")
                .dataDate(Instant.parse("2026-11-25T00:00:00Z"))
                .addSource(new SourceInfo("ripe", "rpsl", "41234567", Instant.parse("2026-11-25T00:00:00Z"), 0))
                .addSource(new SourceInfo("delegated", "delegated-extended", "20261125", null, 0));
    }

    private static Netblock.Builder block(String range, String name) {
        return Netblock.builder(range).name(name).source("ripe");
    }

    /** A RIPE-like tree: allocation, sub-allocation, assignments; plus an IPv6 tree and rDNS. */
    private Path sample() throws IOException {
        NetblockDatabaseBuilder b = builder();
        b.add(block("87.237.224.0 - 87.237.239.255", "SA-ALLOC").status("ALLOCATED PA").country("SA")
                .ownerId("ORG-EX1-RIPE").ownerName("Example Telecom").abuseEmail("abuse@example.net").registry("RIPE")
                .asNumber(64500L).asName("EXAMPLE-AS").lastModified(Instant.parse("2020-01-01T00:00:00Z")).build());
        b.add(block("87.237.226.0 - 87.237.226.255", "SUB").status("SUB-ALLOCATED PA").country("SA").build());
        b.add(block("87.237.226.64 - 87.237.226.95", "ICCSAT871").description("DVB Customer").status("ASSIGNED PA")
                .country("SA").handle("87.237.226.64 - 87.237.226.95").build());
        b.add(block("2001:db8::/32", "V6-ALLOC").country("NL").build());
        b.add(block("2001:db8:1::/48", "V6-ASSIGN").country("NL").build());
        b.addReverseDns(new ReverseDnsEntry(IpAddress.parse("87.237.226.70"), "scanner.example.com",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), "example.com", "com"));
        b.addReverseDns(new ReverseDnsEntry(IpAddress.parse("2001:db8:1::5"), "v6host.example.org", null, null, "example.org", "org"));
        b.addRegistrar(new RegistrarEntry("Example.COM", "MarkMonitor Inc.", 292L));
        Path file = dir.resolve("sample.nbdb");
        b.build(file);
        return file;
    }

    @Test
    void findsTheNarrowestBlockAndTheChain() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(sample())) {
            assertThat(db.lookup(IpAddress.parse("87.237.226.70")).orElseThrow().name()).isEqualTo("ICCSAT871");
            assertThat(db.lookupChain(IpAddress.parse("87.237.226.70"))).extracting(Netblock::name)
                    .containsExactly("ICCSAT871", "SUB", "SA-ALLOC");
            assertThat(db.lookup(IpAddress.parse("87.237.226.63")).orElseThrow().name()).isEqualTo("SUB");
            assertThat(db.lookup(IpAddress.parse("87.237.226.96")).orElseThrow().name()).isEqualTo("SUB");
            assertThat(db.lookup(IpAddress.parse("87.237.226.95")).orElseThrow().name()).isEqualTo("ICCSAT871");
            assertThat(db.lookup(IpAddress.parse("87.237.239.255")).orElseThrow().name()).isEqualTo("SA-ALLOC");
            assertThat(db.lookup(IpAddress.parse("87.237.240.0"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("87.237.223.255"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("0.0.0.0"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("255.255.255.255"))).isEmpty();
            assertThat(db.lookupChain(IpAddress.parse("2001:db8:1:ffff::1"))).extracting(Netblock::name)
                    .containsExactly("V6-ASSIGN", "V6-ALLOC");
            assertThat(db.lookup(IpAddress.parse("2001:db9::"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("::ffff:87.237.226.70")).orElseThrow().name()).isEqualTo("ICCSAT871");
        }
    }

    @Test
    void returnsEveryAttribute() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(sample())) {
            Netblock n = db.lookupChain(IpAddress.parse("87.237.226.70")).get(2);
            assertThat(n.range()).isEqualTo(IpRange.parse("87.237.224.0/20"));
            assertThat(n.status()).isEqualTo("ALLOCATED PA");
            assertThat(n.country()).isEqualTo("SA");
            assertThat(n.ownerId()).isEqualTo("ORG-EX1-RIPE");
            assertThat(n.ownerName()).isEqualTo("Example Telecom");
            assertThat(n.abuseEmail()).isEqualTo("abuse@example.net");
            assertThat(n.registry()).isEqualTo("RIPE");
            assertThat(n.asNumber()).isEqualTo(64500L);
            assertThat(n.asName()).isEqualTo("EXAMPLE-AS");
            assertThat(n.lastModified()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
            assertThat(n.source()).isEqualTo("ripe");
            assertThat(n.handle()).isNull();
            Netblock leaf = db.lookup(IpAddress.parse("87.237.226.70")).orElseThrow();
            assertThat(leaf.description()).isEqualTo("DVB Customer");
            assertThat(leaf.handle()).isEqualTo("87.237.226.64 - 87.237.226.95");
            assertThat(leaf.asNumber()).isNull();
            assertThat(leaf.lastModified()).isNull();
        }
    }

    @Test
    void answersReverseDnsAndRegistrar() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(sample())) {
            LookupResult r = db.lookup(IpAddress.parse("87.237.226.70"), true);
            assertThat(r.narrowest().name()).isEqualTo("ICCSAT871");
            assertThat(r.netblocks()).hasSize(3);
            assertThat(r.reverseDns().name()).isEqualTo("scanner.example.com");
            assertThat(r.reverseDns().registeredDomain()).isEqualTo("example.com");
            assertThat(r.reverseDns().topLevelDomain()).isEqualTo("com");
            assertThat(r.reverseDns().firstSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(r.registrar()).isEqualTo(new RegistrarEntry("example.com", "MarkMonitor Inc.", 292L));
            LookupResult v6 = db.lookup(IpAddress.parse("2001:db8:1::5"), false);
            assertThat(v6.netblocks()).extracting(Netblock::name).containsExactly("V6-ASSIGN");
            assertThat(v6.reverseDns().name()).isEqualTo("v6host.example.org");
            assertThat(v6.registrar()).isNull();
            LookupResult none = db.lookup(IpAddress.parse("87.237.226.71"), false);
            assertThat(none.reverseDns()).isNull();
            assertThat(none.registrar()).isNull();
            assertThat(db.registrar("EXAMPLE.com")).map(RegistrarEntry::ianaId).contains(292L);
            assertThat(db.registrar("example.net")).isEmpty();
        }
    }

    @Test
    void headerNamesSourcesDatesAndCounts() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(sample())) {
            var m = db.metadata();
            assertThat(m.formatMajor()).isEqualTo(3);
            assertThat(m.formatMinor()).isZero();
            assertThat(m.buildTime()).isEqualTo(BUILT);
            assertThat(m.dataDate()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
            assertThat(m.description()).isEqualTo("test");
            assertThat(m.sources()).extracting(SourceInfo::name).containsExactly("ripe", "delegated");
            assertThat(m.sources().get(0).serial()).isEqualTo("41234567");
            assertThat(m.sources().get(0).blockCount()).isEqualTo(5);
            assertThat(m.sources().get(1).blockCount()).isZero();
            assertThat(m.counts().v4Blocks()).isEqualTo(3);
            assertThat(m.counts().v6Blocks()).isEqualTo(2);
            // 0..alloc-1 none, alloc, sub, assignment, sub, alloc, rest none
            assertThat(m.counts().v4Intervals()).isEqualTo(7);
            assertThat(m.counts().reverseDns()).isEqualTo(2);
            assertThat(m.counts().registrars()).isEqualTo(1);
            assertThat(m.fileLength()).isEqualTo(Files.size(db.file()));
            assertThat(m.checksumHex()).hasSize(8);
        }
    }

    @Test
    void parentsPointAtTheNarrowestStrictlyContainingBlock() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(sample())) {
            int leaf = db.findBlock(IpAddress.parse("87.237.226.70"));
            int sub = db.parentOf(leaf);
            int alloc = db.parentOf(sub);
            assertThat(db.block(sub).name()).isEqualTo("SUB");
            assertThat(db.block(alloc).name()).isEqualTo("SA-ALLOC");
            assertThat(db.parentOf(alloc)).isEqualTo(NbdbFormat.NO_BLOCK);
            assertThatThrownBy(() -> db.block(99)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
        }
    }

    @Test
    void blocksCoveringTheWholeSpaceAndTheLastAddress() throws IOException {
        NetblockDatabaseBuilder b = builder();
        b.add(block("0.0.0.0/0", "IANA-V4").build());
        b.add(block("0.0.0.0/32", "FIRST").build());
        b.add(block("255.255.255.255/32", "LAST").build());
        b.add(block("255.255.255.0/24", "LAST-24").build());
        b.add(block("::/0", "IANA-V6").build());
        b.add(block("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "LAST-V6").build());
        b.add(block("::/128", "FIRST-V6").build());
        b.add(block("0:0:0:1::/64", "HALF").build());
        Path file = dir.resolve("edges.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.lookup(IpAddress.parse("0.0.0.0")).orElseThrow().name()).isEqualTo("FIRST");
            assertThat(db.lookup(IpAddress.parse("0.0.0.1")).orElseThrow().name()).isEqualTo("IANA-V4");
            assertThat(db.lookupChain(IpAddress.parse("255.255.255.255"))).extracting(Netblock::name)
                    .containsExactly("LAST", "LAST-24", "IANA-V4");
            assertThat(db.lookup(IpAddress.parse("255.255.255.254")).orElseThrow().name()).isEqualTo("LAST-24");
            assertThat(db.lookup(IpAddress.parse("255.255.254.255")).orElseThrow().name()).isEqualTo("IANA-V4");
            assertThat(db.lookup(IpAddress.parse("::")).orElseThrow().name()).isEqualTo("FIRST-V6");
            assertThat(db.lookup(IpAddress.parse("::1")).orElseThrow().name()).isEqualTo("IANA-V6");
            assertThat(db.lookup(IpAddress.parse("0:0:0:0:ffff:ffff:ffff:ffff")).orElseThrow().name()).isEqualTo("IANA-V6");
            assertThat(db.lookup(IpAddress.parse("0:0:0:1::")).orElseThrow().name()).isEqualTo("HALF");
            assertThat(db.lookup(IpAddress.parse("0:0:0:1:ffff:ffff:ffff:ffff")).orElseThrow().name()).isEqualTo("HALF");
            assertThat(db.lookup(IpAddress.parse("0:0:0:2::")).orElseThrow().name()).isEqualTo("IANA-V6");
            assertThat(db.lookup(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).orElseThrow().name()).isEqualTo("LAST-V6");
            assertThat(db.lookup(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")).orElseThrow().name()).isEqualTo("IANA-V6");
            // ::ffff:0:0/96 looks up as IPv4
            assertThat(db.lookup(IpAddress.parse("::ffff:255.255.255.255")).orElseThrow().name()).isEqualTo("LAST");
        }
    }

    @Test
    void mergesExactDuplicatesByPrecedenceAndFillsGaps() throws IOException {
        NetblockDatabaseBuilder b = builder();
        // the delegated source is weaker but knows the country and registry
        b.add(Netblock.builder("192.0.2.0/24").name("FROM-DELEGATED").country("ZA").registry("AFRINIC").source("delegated").build());
        b.add(Netblock.builder("192.0.2.0/24").name("OLD").ownerName("Old Owner").source("ripe")
                .lastModified(Instant.parse("2010-01-01T00:00:00Z")).build());
        b.add(Netblock.builder("192.0.2.0/24").name("NEW").source("ripe").lastModified(Instant.parse("2020-01-01T00:00:00Z")).build());
        Path file = dir.resolve("dups.nbdb");
        BuildReport report = b.build(file);
        assertThat(report.metadata().counts().mergedDuplicates()).isEqualTo(2);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            Netblock n = db.lookup(IpAddress.parse("192.0.2.1")).orElseThrow();
            assertThat(n.name()).isEqualTo("NEW");
            assertThat(n.ownerName()).isEqualTo("Old Owner");
            assertThat(n.country()).isEqualTo("ZA");
            assertThat(n.registry()).isEqualTo("AFRINIC");
            assertThat(n.source()).isEqualTo("ripe");
            assertThat(db.blockCount()).isEqualTo(1);
        }
    }

    @Test
    void aCompleteSourceTakesNothingFromWeakerDuplicates() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder()
                .addSource(new SourceInfo("iana", "iana-special-registry-csv", null, null, 0), true)
                .addSource(new SourceInfo("geo", "country-csv", null, null, 0));
        b.add(Netblock.builder("2001:db8::/32").name("Documentation").source("iana").build());
        b.add(Netblock.builder("2001:db8::/32").country("JP").asNumber(64500L).source("geo").build());
        b.add(Netblock.builder("192.0.2.0/24").name("TEST-NET-1").source("geo").build());
        b.add(Netblock.builder("192.0.2.0/24").country("NL").source("geo").build());
        Path file = dir.resolve("complete.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            Netblock doc = db.lookup(IpAddress.parse("2001:db8::1")).orElseThrow();
            assertThat(doc.name()).isEqualTo("Documentation");
            assertThat(doc.country()).isNull();
            assertThat(doc.asNumber()).isNull();
            // an ordinary source still fills its gaps
            assertThat(db.lookup(IpAddress.parse("192.0.2.1")).orElseThrow().country()).isEqualTo("NL");
        }
    }

    @Test
    void dropsAPartiallyOverlappingBlockOnlyWhenAStrongerKeptBlockCutsAcrossIt() throws IOException {
        // C is strongest, B second, A weakest. B cuts across C (dropped); A no longer meets a kept block.
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder()
                .addSource(new SourceInfo("c", "x", null, null, 0))
                .addSource(new SourceInfo("b", "x", null, null, 0))
                .addSource(new SourceInfo("a", "x", null, null, 0));
        b.add(Netblock.builder("10.0.0.0 - 10.0.0.10").name("A").source("a").build());
        b.add(Netblock.builder("10.0.0.5 - 10.0.0.15").name("B").source("b").build());
        b.add(Netblock.builder("10.0.0.12 - 10.0.0.20").name("C").source("c").build());
        Path file = dir.resolve("overlap.nbdb");
        BuildReport report = b.build(file);
        assertThat(report.metadata().counts().droppedOverlaps()).isEqualTo(1);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.lookup(IpAddress.parse("10.0.0.7")).orElseThrow().name()).isEqualTo("A");
            assertThat(db.lookup(IpAddress.parse("10.0.0.11"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("10.0.0.12")).orElseThrow().name()).isEqualTo("C");
        }
    }

    @Test
    void anEmptyDatabaseAnswersNothing() throws IOException {
        Path file = dir.resolve("empty.nbdb");
        new NetblockDatabaseBuilder().build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.blockCount()).isZero();
            assertThat(db.lookup(IpAddress.parse("1.2.3.4"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("2001:db8::1"))).isEmpty();
            assertThat(db.lookup(IpAddress.parse("1.2.3.4"), true).isEmpty()).isTrue();
            assertThat(db.registrar("example.com")).isEmpty();
            assertThat(db.metadata().counts().v4Intervals()).isEqualTo(1);
            assertThat(db.metadata().sources()).isEmpty();
        }
    }

    @Test
    void writesAtomicallyReadableByOthersAndLeavesNoTempFile() throws IOException {
        Path file = sample();
        try (NetblockDatabase old = NetblockDatabase.open(file)) {
            NetblockDatabaseBuilder b = builder();
            b.add(block("198.51.100.0/24", "REPLACEMENT").build());
            b.build(file);
            // the open database still reads its own (now unlinked) file
            assertThat(old.lookup(IpAddress.parse("87.237.226.70")).orElseThrow().name()).isEqualTo("ICCSAT871");
        }
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.lookup(IpAddress.parse("198.51.100.1")).orElseThrow().name()).isEqualTo("REPLACEMENT");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sample.nbdb");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aBuilderIsUsedOnceAndRejectsUndeclaredSources() throws IOException {
        NetblockDatabaseBuilder b = builder();
        assertThatThrownBy(() -> b.add(Netblock.builder("10.0.0.0/8").source("nope").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("10.0.0.0/8");
        assertThatThrownBy(() -> b.addSource(new SourceInfo("ripe", "rpsl", null, null, 0))).hasMessageContaining("ripe");
        b.build(dir.resolve("once.nbdb"));
        assertThatThrownBy(() -> b.add(block("10.0.0.0/8", "X").build())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeReleasesTheMappingAndLaterLookupsFail() throws IOException {
        Path file = sample();
        NetblockDatabase db = NetblockDatabase.open(file);
        String path = file.toRealPath().toString();
        assertThat(Files.readString(Path.of("/proc/self/maps"))).contains(path);
        db.close();
        assertThat(NetblockDatabase.canReleaseMappingOnClose()).isTrue();
        assertThat(Files.readString(Path.of("/proc/self/maps"))).doesNotContain(path);
        assertThatThrownBy(() -> db.lookup(IpAddress.parse("1.2.3.4"))).isInstanceOf(ClosedDatabaseException.class)
                .hasMessageContaining("sample.nbdb");
        db.close(); // idempotent
    }

    @Test
    void chunkedMappingsGiveTheSameAnswers() throws IOException {
        // enough records that block, interval and reverse DNS entries straddle 4 KiB chunk borders
        NetblockDatabaseBuilder b = builder();
        for (int i = 0; i < 300; i++) {
            String net = "10." + (i / 256) + "." + (i % 256);
            b.add(block(net + ".0/24", "NET-" + i).ownerName("Owner " + (i % 7)).build());
            b.add(block(net + ".16/28", "SUB-" + i).build());
            b.add(block("2001:db8:" + Integer.toHexString(i) + "::/48", "V6-" + i).build());
            b.addReverseDns(new ReverseDnsEntry(IpAddress.parse(net + ".17"), "host" + i + ".example.com", null, null, "example.com", "com"));
        }
        b.addRegistrar(new RegistrarEntry("example.com", "MarkMonitor Inc.", 292L));
        Path file = dir.resolve("chunked.nbdb");
        b.build(file);
        try (NetblockDatabase whole = NetblockDatabase.open(file);
             NetblockDatabase chunked = NetblockDatabase.open(file, new OpenOptions(true, 12))) {
            for (int i = 0; i < 300; i++) {
                String net = "10." + (i / 256) + "." + (i % 256);
                for (String q : List.of(net + ".1", net + ".17", net + ".31", "2001:db8:" + Integer.toHexString(i) + "::9")) {
                    IpAddress ip = IpAddress.parse(q);
                    LookupResult r = chunked.lookup(ip, true);
                    assertThat(r).isEqualTo(whole.lookup(ip, true));
                    assertThat(r.netblocks()).isNotEmpty();
                }
            }
            assertThat(chunked.lookup(IpAddress.parse("10.1.0.17"), false).narrowest().name()).isEqualTo("SUB-256");
            assertThat(chunked.lookup(IpAddress.parse("10.1.0.17"), false).registrar().ianaId()).isEqualTo(292L);
        }
    }

    @Test
    void singleAttributesMatchTheDecodedBlock() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(sample())) {
            for (int id = 0; id < db.blockCount(); id++) {
                Netblock b = db.block(id);
                assertThat(db.range(id)).isEqualTo(b.range());
                assertThat(db.attribute(id, BlockAttribute.NAME)).isEqualTo(b.name());
                assertThat(db.attribute(id, BlockAttribute.COUNTRY)).isEqualTo(b.country());
                assertThat(db.attribute(id, BlockAttribute.OWNER_NAME)).isEqualTo(b.ownerName());
                assertThat(db.attribute(id, BlockAttribute.SOURCE)).isEqualTo(b.source());
                assertThat(db.asNumber(id)).isEqualTo(b.asNumber() == null ? -1 : b.asNumber());
                assertThat(db.lastModified(id)).isEqualTo(b.lastModified());
            }
            int alloc = db.parentOf(db.parentOf(db.findBlock(IpAddress.parse("87.237.226.70"))));
            assertThat(db.asNumber(alloc)).isEqualTo(64500L);
            assertThat(db.attribute(alloc, BlockAttribute.ABUSE_EMAIL)).isEqualTo("abuse@example.net");
        }
    }
}
