package io.github.netblock.index.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.format.DatabaseHeader;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The location view (format 1.2): country by address, apart from the blocks and their registry country. */
class CountryViewTest {
    @TempDir
    Path dir;

    private static Optional<String> country(NetblockDatabase db, String ip) {
        return db.country(IpAddress.parse(ip));
    }

    @Test
    void anAddressGetsTheCountryOfItsRangeAndNoneInAGapWhileTheBlocksKeepTheirOwn() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        // a registry object of a US company whose addresses are used in Canada and Mexico
        b.add(Netblock.builder("198.51.100.0 - 198.51.100.255").name("MULTINATIONAL").country("US").build());
        b.addCountry(IpRange.parse("198.51.100.0/25"), "CA");
        b.addCountry(IpRange.parse("198.51.100.192/26"), "MX");
        b.addCountry(IpRange.parse("198.51.100.128/26"), "MX"); // joined with its neighbour
        b.addCountry(IpRange.parse("0.0.0.0/8"), "ZZ");
        b.addCountry(IpRange.parse("255.255.255.255/32"), "AQ");
        b.addCountry(IpRange.parse("2001:db8::/33"), "DE");
        Path file = dir.resolve("countries.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.hasCountryData()).isTrue();
            assertThat(db.hasRoutingData()).isFalse();
            assertThat(country(db, "198.51.100.0")).contains("CA");
            assertThat(country(db, "198.51.100.127")).contains("CA");
            assertThat(country(db, "198.51.100.128")).contains("MX");
            assertThat(country(db, "198.51.100.255")).contains("MX");
            assertThat(country(db, "198.51.101.0")).isEmpty();
            assertThat(country(db, "0.255.255.255")).contains("ZZ");
            assertThat(country(db, "1.0.0.0")).isEmpty();
            assertThat(country(db, "255.255.255.254")).isEmpty();
            assertThat(country(db, "255.255.255.255")).contains("AQ");
            assertThat(country(db, "::ffff:198.51.100.1")).contains("CA");
            assertThat(country(db, "2001:db8:7fff:ffff:ffff:ffff:ffff:ffff")).contains("DE");
            assertThat(country(db, "2001:db8:8000::")).isEmpty();
            assertThat(country(db, "::")).isEmpty();
            // the block keeps the registry's country
            assertThat(db.lookup(IpAddress.parse("198.51.100.1")).orElseThrow().country()).isEqualTo("US");
            // IPv4 rows: ZZ, gap from 1.0.0.0, CA, MX (two ranges joined), gap from 198.51.101.0, AQ (ends at
            // the top: no gap after it); IPv6 rows: DE, gap from 2001:db8:8000::
            assertThat(db.countryRows()).isEqualTo(6 + 2);
            assertThat(db.originAsRows()).isZero();
        }
        // the view is written as the two optional 1.2 sections, 8 and 24 bytes a row
        try (FileChannel ch = FileChannel.open(file)) {
            var sections = DatabaseHeader.read(ch, file, true).sections();
            assertThat(sections.get(NbdbFormat.SECTION_COUNTRY_V4).length()).isEqualTo(8L * 6);
            assertThat(sections.get(NbdbFormat.SECTION_COUNTRY_V6).length()).isEqualTo(24L * 2);
        }
    }

    @Test
    void overlappingCountryRangesAreRefusedNamingBoth() {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        b.addCountry(IpRange.parse("10.0.0.0/16"), "NL");
        b.addCountry(IpRange.parse("10.0.5.0/24"), "BE");
        assertThatThrownBy(() -> b.build(dir.resolve("x.nbdb"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("country range 10.0.5.0 - 10.0.5.255").hasMessageContaining("10.0.255.255");
    }

    @Test
    void anEmptyCountryIsRefused() {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        assertThatThrownBy(() -> b.addCountry(IpRange.parse("10.0.0.0/16"), " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0");
    }

    @Test
    void aDatabaseWithoutLocationDataAnswersNone() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        b.add(Netblock.builder("10.0.0.0/8").name("X").country("NL").build());
        Path file = dir.resolve("none.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.hasCountryData()).isFalse();
            assertThat(country(db, "10.1.2.3")).isEmpty();
        }
    }

    /** The view answers as a scan of its ranges would, at random addresses and at every range's and /16's edges. */
    @Test
    void randomRangesAnswerAsALinearScanIncludingEveryEdge() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261127L);
        java.util.List<long[]> ranges = new java.util.ArrayList<>(); // {first, last, country index}
        String[] countries = {"AA", "BB", "CC"};
        long at = 0;
        while (at < 0xFFFF_FFFFL) {
            long size = 1L << random.nextInt(4, 24);
            long gap = random.nextInt(3) == 0 ? random.nextLong(1, 1L << 20) : 0;
            long first = at + gap;
            long last = Math.min(first + size - 1, 0xFFFF_FFFFL);
            if (first > 0xFFFF_FFFFL) {
                break;
            }
            ranges.add(new long[] {first, last, random.nextInt(countries.length)});
            at = last + 1;
        }
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        for (long[] r : ranges) {
            b.addCountry(new IpRange(IpAddress.ofV4((int) r[0]), IpAddress.ofV4((int) r[1])), countries[(int) r[2]]);
        }
        Path file = dir.resolve("random.nbdb");
        b.build(file);
        java.util.List<Long> probes = new java.util.ArrayList<>();
        for (long[] r : ranges) {
            probes.add(r[0]);
            probes.add(r[1]);
            probes.add(Math.max(r[0] - 1, 0));
            probes.add(Math.min(r[1] + 1, 0xFFFF_FFFFL));
        }
        for (int i = 0; i < 200_000; i++) {
            probes.add(random.nextLong(1L << 32));
        }
        for (long slot = 0; slot < 1 << 16; slot += 97) {
            probes.add(slot << 16);
            probes.add(Math.max((slot << 16) - 1, 0));
        }
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            for (long p : probes) {
                String expected = null;
                for (long[] r : ranges) { // the oracle: a scan (ranges sorted, so stop early)
                    if (r[0] > p) {
                        break;
                    }
                    if (p <= r[1]) {
                        expected = countries[(int) r[2]];
                    }
                }
                assertThat(db.country(IpAddress.ofV4((int) p)).orElse(null)).as(IpAddress.ofV4((int) p).toString()).isEqualTo(expected);
            }
        }
    }
}
