package io.github.netblock.index.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.format.DatabaseHeader;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.OriginAs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3.0 keeps what blocks share once on two levels (attribute sets and their common parts), the
 * handles apart and the strings compressed; the 1.x and 2.0 files operators published before still open
 * and answer alike. {@code format-1.2.nbdb} was written by the 1.2 builder (commit ad37acd) and
 * {@code format-2.0.nbdb} by the 2.0 builder (commit 623497d) from the blocks below (with source
 * {@code ripe}, the origin AS, country, reverse DNS and registrar entries the 1.2 test checks); every
 * expected value here is what those lines put in.
 */
class FormatCompatibilityTest {
    private static final Path V1 = Path.of("src/test/resources/format-1.2.nbdb");
    private static final Path V2 = Path.of("src/test/resources/format-2.0.nbdb");

    @TempDir
    Path dir;

    /** The blocks the 1.2 fixture was built from, for the 2.0 builder. */
    private static NetblockDatabaseBuilder sameBlocks() {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().indexShape(null, new int[] {8}, 64);
        b.add(Netblock.builder("185.220.100.0/22").name("ALLOC").handle("H-ALLOC").description("Example Alloc\nsecond line").status("ALLOCATED PA")
                .country("DE").ownerId("ORG-EA1-RIPE").ownerName("Example Alloc").abuseEmail("abuse@alloc.example").registry("RIPE")
                .lastModified(Instant.parse("2016-04-14T10:03:28Z")).asNumber(60729L).asName("TOR").build());
        b.add(Netblock.builder("185.220.101.0 - 185.220.101.255").name("TOR-EXIT-1").ownerName("Tor Exit Operator")
                .abuseEmail("abuse@tor.example").build());
        b.add(Netblock.builder("2001:db8::/32").name("DOC6").country("NL").lastModified(Instant.parse("2001-02-03T00:00:00Z")).build());
        return b;
    }

    private static void answersAsBuilt(NetblockDatabase db, String source) {
        Netblock alloc = db.lookup(IpAddress.parse("185.220.102.1")).orElseThrow();
        assertThat(alloc.name()).isEqualTo("ALLOC");
        assertThat(alloc.handle()).isEqualTo("H-ALLOC");
        assertThat(alloc.description()).isEqualTo("Example Alloc\nsecond line");
        assertThat(alloc.status()).isEqualTo("ALLOCATED PA");
        assertThat(alloc.country()).isEqualTo("DE");
        assertThat(alloc.ownerId()).isEqualTo("ORG-EA1-RIPE");
        assertThat(alloc.ownerName()).isEqualTo("Example Alloc");
        assertThat(alloc.abuseEmail()).isEqualTo("abuse@alloc.example");
        assertThat(alloc.registry()).isEqualTo("RIPE");
        assertThat(alloc.lastModified()).isEqualTo(Instant.parse("2016-04-14T10:03:28Z"));
        assertThat(alloc.asNumber()).isEqualTo(60729L);
        assertThat(alloc.asName()).isEqualTo("TOR");
        assertThat(alloc.source()).isEqualTo(source);
        int exit = db.findBlock(IpAddress.parse("185.220.101.1"));
        assertThat(db.attribute(exit, BlockAttribute.NAME)).isEqualTo("TOR-EXIT-1");
        assertThat(db.attribute(exit, BlockAttribute.OWNER_NAME)).isEqualTo("Tor Exit Operator");
        assertThat(db.attribute(exit, BlockAttribute.COUNTRY)).isNull();
        assertThat(db.asNumber(exit)).isEqualTo(-1);
        assertThat(db.block(exit).lastModified()).isNull();
        assertThat(db.attribute(db.parentOf(exit), BlockAttribute.NAME)).isEqualTo("ALLOC");
        Netblock doc = db.lookup(IpAddress.parse("2001:db8::1")).orElseThrow();
        assertThat(doc.name()).isEqualTo("DOC6");
        assertThat(doc.lastModified()).isEqualTo(Instant.parse("2001-02-03T00:00:00Z"));
        assertThat(db.lookup(IpAddress.parse("185.221.0.1"))).isEmpty();
    }

    @Test
    void aFormat1FileStillOpensAndAnswersAsItWasBuilt() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(V1)) {
            assertThat(db.metadata().formatMajor()).isEqualTo(1);
            assertThat(db.metadata().formatMinor()).isEqualTo(2);
            answersAsBuilt(db, "ripe");
            assertThat(db.originAs(IpAddress.parse("185.220.101.1"))).contains(new OriginAs(60729, "TOR"));
            assertThat(db.country(IpAddress.parse("185.220.101.1"))).contains("AT");
            var hit = db.lookup(IpAddress.parse("185.220.101.1"), true);
            assertThat(hit.reverseDns().name()).isEqualTo("exit1.tor.example.com");
            assertThat(hit.registrar().ianaId()).isEqualTo(292L);
        }
    }

    @Test
    void aFormat2FileStillOpensAndAnswersAsItWasBuilt() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(V2)) {
            assertThat(db.metadata().formatMajor()).isEqualTo(2);
            answersAsBuilt(db, "ripe");
            assertThat(db.originAs(IpAddress.parse("185.220.101.1"))).contains(new OriginAs(60729, "TOR"));
            assertThat(db.originAs(IpAddress.parse("2001:db8::1"))).contains(new OriginAs(64496, "DOC"));
            assertThat(db.country(IpAddress.parse("185.220.101.1"))).contains("AT");
            var hit = db.lookup(IpAddress.parse("185.220.101.1"), true);
            assertThat(hit.reverseDns().name()).isEqualTo("exit1.tor.example.com");
            assertThat(hit.registrar().name()).isEqualTo("Example Registrar, Inc.");
            assertThat(hit.registrar().ianaId()).isEqualTo(292L);
        }
    }

    @Test
    void format3KeepsWhatBlocksShareOnceAndAnswersAlike() throws IOException {
        NetblockDatabaseBuilder b = sameBlocks();
        // 1,000 assignments of one allocation: one attribute set for all of them
        for (int i = 0; i < 1000; i++) {
            b.add(Netblock.builder("10." + (i / 256) + "." + (i % 256) + ".0/24").name("CUSTOMER-" + i)
                    .ownerName("Example Provider").abuseEmail("abuse@provider.example").country("NL").asNumber(64500L).build());
        }
        // 300 customers of their own: a set each, one common part for all
        for (int i = 0; i < 300; i++) {
            b.add(Netblock.builder("10.100." + i / 256 + "." + i % 256 + "/32").name("OWN-" + i).handle("NET-OWN-" + i)
                    .ownerName("Customer " + i).country("NL").asNumber(64500L).build());
        }
        Path file = dir.resolve("v3.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.metadata().formatMajor()).isEqualTo(3);
            answersAsBuilt(db, null);
            Netblock customer = db.lookup(IpAddress.parse("10.3.231.7")).orElseThrow();
            assertThat(customer.name()).isEqualTo("CUSTOMER-999");
            assertThat(customer.ownerName()).isEqualTo("Example Provider");
            assertThat(customer.asNumber()).isEqualTo(64500L);
            assertThat(customer.handle()).isNull();
            Netblock own = db.lookup(IpAddress.parse("10.100.1.43")).orElseThrow();
            assertThat(own.name()).isEqualTo("OWN-299");
            assertThat(own.handle()).isEqualTo("NET-OWN-299");
            assertThat(own.ownerName()).isEqualTo("Customer 299");
            assertThat(own.country()).isEqualTo("NL");
            assertThat(own.asNumber()).isEqualTo(64500L);
        }
        try (FileChannel ch = FileChannel.open(file)) {
            var sections = DatabaseHeader.read(ch, file, true).sections();
            // sets: ALLOC's, TOR-EXIT-1's, DOC6's, the customers' one and 300 of customers of their own
            assertThat(sections.get(NbdbFormat.SECTION_ATTRIBUTE_SETS).length()).isEqualTo(304L * 20);
            // common parts: ALLOC's {ALLOCATED PA, DE, RIPE, TOR, 60729}, TOR-EXIT-1's (none), DOC6's {NL},
            // and {NL, 64500} of all 1,300 customers
            assertThat(sections.get(NbdbFormat.SECTION_SET_COMMONS).length()).isEqualTo(4L * 28);
            // handles: H-ALLOC and the 300, 301 of 1,303 blocks: apart (8 bytes each, after the 8-byte header)
            assertThat(sections.get(NbdbFormat.SECTION_HANDLES).length()).isEqualTo(8 + 301L * 8);
            assertThat(sections.get(NbdbFormat.SECTION_BLOCKS_V4).length()).isEqualTo(1302L * 24);
            assertThat(sections.get(NbdbFormat.SECTION_BLOCKS_V6).length()).isEqualTo(48L);
            // 1,300 names of 10 to 12 bytes and 300 handles and owners: under half their plain bytes
            long plain = 0;
            for (int i = 0; i < 1000; i++) {
                plain += 1 + ("CUSTOMER-" + i).length();
            }
            for (int i = 0; i < 300; i++) {
                plain += 3 + ("OWN-" + i).length() + ("NET-OWN-" + i).length() + ("Customer " + i).length();
            }
            assertThat(sections.get(NbdbFormat.SECTION_STRINGS).length()).isLessThan(plain / 2);
        }
        assertThat(Files.size(file)).isLessThan(1302L * 72);
    }

    /**
     * RPSL objects are keyed by their handle (an inetnum's key is its range text): when more than half the blocks
     * have one, a handle column in every record (4 bytes a block) is smaller than the handles apart (8 bytes each).
     */
    @Test
    void handlesOfMostBlocksAreKeptInTheRecords() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        for (int i = 0; i < 1000; i++) {
            String range = "10.0." + (i / 4) + "." + (i % 4) * 64 + " - 10.0." + (i / 4) + "." + ((i % 4) * 64 + 63);
            b.add(Netblock.builder(range).name("RPSL-" + i).handle(i == 7 ? null : range).country("DE").build());
        }
        b.add(Netblock.builder("2001:db8::/32").name("DOC6").handle("2001:0db8::/32").build());
        Path file = dir.resolve("rpsl.nbdb");
        b.build(file);
        try (FileChannel ch = FileChannel.open(file)) {
            var sections = DatabaseHeader.read(ch, file, true).sections();
            assertThat(sections.get(NbdbFormat.SECTION_HANDLES).length()).isEqualTo(8);
            assertThat(sections.get(NbdbFormat.SECTION_BLOCKS_V4).length()).isEqualTo(1000L * 28);
            assertThat(sections.get(NbdbFormat.SECTION_BLOCKS_V6).length()).isEqualTo(52);
        }
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            Netblock last = db.lookup(IpAddress.parse("10.0.249.200")).orElseThrow();
            assertThat(last.name()).isEqualTo("RPSL-999");
            assertThat(last.handle()).isEqualTo("10.0.249.192 - 10.0.249.255");
            assertThat(last.country()).isEqualTo("DE");
            Netblock noHandle = db.lookup(IpAddress.parse("10.0.1.200")).orElseThrow();
            assertThat(noHandle.name()).isEqualTo("RPSL-7");
            assertThat(noHandle.handle()).isNull();
            Netblock doc = db.lookup(IpAddress.parse("2001:db8::1")).orElseThrow();
            assertThat(doc.handle()).isEqualTo("2001:0db8::/32");
            assertThat(doc.name()).isEqualTo("DOC6");
        }
    }

    /**
     * Each block adds three strings of its own, in the same order (name, owner, e-mail): a sample of every
     * k-th string would see only one kind when k is a multiple of 3 (180,000 strings give k = 3) and code
     * the other two byte by byte, larger than plain. The sample is drawn by hash, so all kinds compress.
     */
    @Test
    void stringsAddedInARegularOrderStillCompress() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        long plain = 0;
        for (int i = 0; i < 60_000; i++) {
            String name = "NET-" + (100_000 + i);
            String owner = "Example Customer Number " + i;
            String mail = "abuse-" + i + "@customer.example.net";
            b.add(Netblock.builder(IpAddress.ofV4(0x0A00_0000 + i * 4) + "/30").name(name).ownerName(owner).abuseEmail(mail).build());
            plain += 3 + name.length() + owner.length() + mail.length();
        }
        Path file = dir.resolve("regular.nbdb");
        b.build(file);
        try (FileChannel ch = FileChannel.open(file)) {
            long strings = DatabaseHeader.read(ch, file, true).sections().get(NbdbFormat.SECTION_STRINGS).length();
            assertThat(strings).isLessThan(plain / 2);
        }
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            Netblock last = db.lookup(IpAddress.parse("10.3.169.126")).orElseThrow();
            assertThat(last.name()).isEqualTo("NET-159999");
            assertThat(last.ownerName()).isEqualTo("Example Customer Number 59999");
            assertThat(last.abuseEmail()).isEqualTo("abuse-59999@customer.example.net");
        }
    }

    @Test
    void aTimeTheFileCannotKeepIsRefusedNamingTheBlock() {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.add(Netblock.builder("192.0.2.0/24")
                        .lastModified(Instant.parse("1969-12-31T23:59:59Z")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.0/24").hasMessageContaining("1970 to 2105");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.add(Netblock.builder("192.0.2.0/24")
                .lastModified(Instant.parse("2106-01-01T00:00:00Z")).build())).isInstanceOf(IllegalArgumentException.class);
        b.add(Netblock.builder("192.0.2.0/24").lastModified(Instant.parse("2105-12-31T23:59:59Z")).build());
    }
}
