package io.github.netblock.loader.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.merge.Layered;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows of ip-location-db's geo-whois-asn-country-ipv4.csv (version 2.3.2026061719), in their file order. */
class RangeLayerTest {
    private static Layered<String> row(String first, String last, String country) {
        return new Layered<>(new IpRange(IpAddress.parse(first), IpAddress.parse(last)), country);
    }

    private static List<String> show(RangeLayer<String> layer) {
        return layer.ranges().stream().map(l -> l.range().toRangeString() + " " + l.value()).toList();
    }

    @Test
    void aLaterRangeWinsWhereItAppliesAndTheRestOfTheWiderRangeKeepsItsValue() {
        RangeLayer<String> layer = new RangeLayer<>(List.of(
                row("173.46.84.0", "173.46.159.255", "US"),
                row("173.46.148.0", "173.46.155.255", "CA"),    // inside the first
                row("173.46.156.0", "173.82.4.255", "US")));    // across the end of the first
        assertThat(show(layer)).containsExactly(
                "173.46.84.0 - 173.46.147.255 US",
                "173.46.148.0 - 173.46.155.255 CA",
                "173.46.156.0 - 173.82.4.255 US");
        assertThat(layer.overridden()).isEqualTo(2);
        assertThat(layer.covering(IpRange.parse("173.46.150.0/24"))).isEqualTo("CA");
        assertThat(layer.covering(IpRange.parse("173.60.0.0/16"))).isEqualTo("US"); // dropped before: no country
        assertThat(layer.covering(IpRange.parse("173.46.144.0/20"))).isNull(); // US and CA
    }

    @Test
    void narrowerRowsAtTheSameFirstAddressReplaceTheWiderOne() {
        RangeLayer<String> layer = new RangeLayer<>(List.of(
                row("5.61.192.0", "5.61.199.255", "FR"),
                row("5.61.192.0", "5.61.193.255", "SK"),
                row("5.61.194.0", "5.61.195.255", "NL"),
                row("5.61.196.0", "5.61.197.255", "CZ"),
                row("5.61.198.0", "5.61.199.255", "GB")));
        assertThat(show(layer)).containsExactly("5.61.192.0 - 5.61.193.255 SK", "5.61.194.0 - 5.61.195.255 NL",
                "5.61.196.0 - 5.61.197.255 CZ", "5.61.198.0 - 5.61.199.255 GB");
    }

    @Test
    void piecesOfOneValueThatMeetAreOnePieceAndFamiliesStayApart() {
        // the IPv6 rows in file order; of the 173.46 rows the two US ones alone (the CA row left out)
        RangeLayer<String> layer = new RangeLayer<>(List.of(
                row("2001:420:4000::", "2001:420:7fff:ffff:ffff:ffff:ffff:ffff", "JP"),
                row("2001:420:4000::", "2001:420:4fff:ffff:ffff:ffff:ffff:ffff", "NL"),
                row("2001:420:4000::", "2001:420:40ff:ffff:ffff:ffff:ffff:ffff", "GB"),
                row("173.46.84.0", "173.46.159.255", "US"),
                row("173.46.156.0", "173.82.4.255", "US")));
        assertThat(show(layer)).containsExactly(
                "173.46.84.0 - 173.82.4.255 US",
                "2001:420:4000:: - 2001:420:40ff:ffff:ffff:ffff:ffff:ffff GB",
                "2001:420:4100:: - 2001:420:4fff:ffff:ffff:ffff:ffff:ffff NL",
                "2001:420:5000:: - 2001:420:7fff:ffff:ffff:ffff:ffff:ffff JP");
        assertThat(layer.covering(IpRange.parse("173.46.0.0/16"))).isNull();
        assertThat(layer.covering(IpRange.parse("173.47.0.0/16"))).isEqualTo("US");
    }
}
