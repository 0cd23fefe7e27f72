package io.github.netblock.index.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.OriginAs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing view: origin AS by address, apart from the blocks. */
class OriginAsTest {
    @TempDir
    Path dir;

    private static Optional<OriginAs> as(NetblockDatabase db, String ip) {
        return db.originAs(IpAddress.parse(ip));
    }

    @Test
    void anAddressGetsTheAsOfTheRoutedRangeItIsInAndNoneInAGap() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        // a WHOIS block that the routed ranges cut across: the AS does not become a block
        b.add(Netblock.builder("10.0.0.0 - 10.0.3.255").name("WHOIS-OBJECT").build());
        b.addOriginAs(IpRange.parse("10.0.3.0/24"), 2, "Two");
        b.addOriginAs(IpRange.parse("10.0.0.0/24"), 1, "One");
        b.addOriginAs(IpRange.parse("10.0.1.0/24"), 1, "One");
        b.addOriginAs(IpRange.parse("255.255.255.0/24"), 6, null);
        b.addOriginAs(IpRange.parse("2001:db8::/32"), 3, "Three");
        b.addOriginAs(IpRange.parse("ffff::/16"), 5, "Top");
        Path file = dir.resolve("routes.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.hasRoutingData()).isTrue();
            assertThat(as(db, "10.0.0.5")).contains(new OriginAs(1, "One"));
            assertThat(as(db, "10.0.1.255")).contains(new OriginAs(1, "One"));
            assertThat(as(db, "10.0.2.0")).isEmpty(); // the gap between the AS1 and AS2 ranges
            assertThat(as(db, "10.0.3.0")).contains(new OriginAs(2, "Two"));
            assertThat(as(db, "10.0.4.0")).isEmpty();
            assertThat(as(db, "9.255.255.255")).isEmpty();
            assertThat(as(db, "255.255.255.255")).contains(new OriginAs(6, null));
            assertThat(as(db, "::ffff:10.0.0.5")).contains(new OriginAs(1, "One"));
            assertThat(as(db, "2001:db8:ffff:ffff::1")).contains(new OriginAs(3, "Three"));
            assertThat(as(db, "2001:db9::")).isEmpty();
            assertThat(as(db, "::1")).isEmpty();
            assertThat(as(db, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).contains(new OriginAs(5, "Top"));
            // the blocks are unchanged by the routing data
            assertThat(db.blockCount()).isEqualTo(1);
            assertThat(db.lookup(IpAddress.parse("10.0.2.9")).orElseThrow().name()).isEqualTo("WHOIS-OBJECT");
        }
    }

    @Test
    void overlappingRoutedRangesAreRefusedNamingBoth() {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        b.addOriginAs(IpRange.parse("10.0.0.0/16"), 1, "One");
        b.addOriginAs(IpRange.parse("10.0.5.0/24"), 2, "Two");
        assertThatThrownBy(() -> b.build(dir.resolve("x.nbdb"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.5.0 - 10.0.5.255").hasMessageContaining("10.0.255.255");
    }

    @Test
    void aDatabaseWithoutRoutingDataAnswersNone() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        b.add(Netblock.builder("10.0.0.0/8").name("X").asNumber(64500L).build());
        Path file = dir.resolve("none.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            assertThat(db.hasRoutingData()).isFalse();
            assertThat(as(db, "10.1.2.3")).isEmpty();
        }
    }
}
