package io.github.netblock.loader.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import io.github.netblock.loader.merge.RangeOverlay.Piece;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeOverlayTest {
    private static <T> Layered<T> l(String range, T value) {
        return new Layered<>(IpRange.parse(range), value);
    }

    private static String show(List<Piece<String, String>> pieces) {
        return String.join("; ", pieces.stream().map(p -> p.range().toRangeString() + " " + p.firstValue() + "/" + p.secondValue()).toList());
    }

    @Test
    void cutsTheUnionWhereEitherLayerChanges() {
        List<Layered<String>> asn = List.of(l("10.0.0.0 - 10.0.0.99", "AS1"), l("10.0.0.200 - 10.0.0.255", "AS2"));
        List<Layered<String>> cc = List.of(l("10.0.0.50 - 10.0.0.209", "DE"), l("10.0.1.0 - 10.0.1.9", "FR"));
        assertThat(show(RangeOverlay.overlay(asn, cc, (a, b) -> {}))).isEqualTo(
                "10.0.0.0 - 10.0.0.49 AS1/null; 10.0.0.50 - 10.0.0.99 AS1/DE; 10.0.0.100 - 10.0.0.199 null/DE; "
                        + "10.0.0.200 - 10.0.0.209 AS2/DE; 10.0.0.210 - 10.0.0.255 AS2/null; 10.0.1.0 - 10.0.1.9 null/FR");
    }

    @Test
    void joinsNeighboursWithEqualValuesAndReachesTheLastAddress() {
        List<Layered<String>> asn = List.of(l("255.255.255.0 - 255.255.255.255", "AS9"));
        List<Layered<String>> cc = List.of(l("255.255.255.0 - 255.255.255.127", "NL"), l("255.255.255.128 - 255.255.255.255", "NL"));
        assertThat(show(RangeOverlay.overlay(asn, cc, (a, b) -> {}))).isEqualTo("255.255.255.0 - 255.255.255.255 AS9/NL");
        List<Layered<String>> v6 = List.of(l("ffff::/16", "AS7"));
        assertThat(show(RangeOverlay.overlay(v6, List.<Layered<String>>of(), (a, b) -> {})))
                .isEqualTo("ffff:: - ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff AS7/null");
    }

    @Test
    void reportsAndSkipsRangesThatOverlapTheirOwnLayer() {
        List<String> reported = new ArrayList<>();
        List<Layered<String>> asn = List.of(l("10.0.0.0/24", "AS1"), l("10.0.0.128/25", "AS2"));
        List<Piece<String, String>> out = RangeOverlay.overlay(asn, List.<Layered<String>>of(), (layer, r) -> reported.add(layer + " " + r));
        assertThat(show(out)).isEqualTo("10.0.0.0 - 10.0.0.255 AS1/null");
        assertThat(reported).containsExactly("first 10.0.0.128/25");
    }
}
