package io.github.netblock.loader.pipeline;

import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.merge.RangeLayer;
import io.github.netblock.loader.merge.RangeOverlay;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import io.github.netblock.loader.merge.RangeOverlay.Piece;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ranges of the IP-to-ASN and IP-to-country feeds as two layers, each without overlaps. Blocks
 * take their AS and country from them ({@link #attach}, the merge stage), and they become the
 * weakest blocks themselves ({@link #overlay}), so addresses outside every WHOIS block still get both.
 */
final class Layers {
    private final RangeLayer<OriginAs> as;
    private final RangeLayer<String> country;
    private final String asSource;
    private final String countrySource;

    /**
     * @param asSource      the feed the AS pieces are attributed to: the strongest AS feed
     * @param countrySource the feed the pieces with a country alone are attributed to
     */
    Layers(List<Layered<OriginAs>> asRanges, String asSource, List<Layered<String>> countryRanges, String countrySource) {
        this.as = new RangeLayer<>(asRanges);
        this.country = new RangeLayer<>(countryRanges);
        this.asSource = asSource;
        this.countrySource = countrySource;
    }

    /** The block with the AS and the country it lacks, each from a range that covers all of it. */
    Netblock attach(Netblock block) {
        OriginAs origin = block.asNumber() == null ? as.covering(block.range()) : null;
        String cc = block.country() == null ? country.covering(block.range()) : null;
        if (origin == null && cc == null) {
            return block;
        }
        Netblock.Builder b = block.toBuilder();
        if (origin != null) {
            b.asNumber(origin.number()).asName(origin.name());
        }
        if (cc != null) {
            b.country(cc);
        }
        return b.build();
    }

    /**
     * The two layers laid over each other, one block a piece: its country, and its AS with the AS
     * organisation as owner.
     */
    void overlay(Consumer<Netblock> sink) {
        for (IpFamily family : IpFamily.values()) {
            List<Layered<OriginAs>> asRanges = as.ranges().stream().filter(l -> l.range().family() == family).toList();
            List<Layered<String>> countryRanges = country.ranges().stream().filter(l -> l.range().family() == family).toList();
            // the layers hold no overlaps: nothing to report
            for (Piece<OriginAs, String> p : RangeOverlay.overlay(asRanges, countryRanges, (layer, range) -> { })) {
                Netblock.Builder b = Netblock.builder(p.range()).country(p.secondValue());
                OriginAs origin = p.firstValue();
                if (origin != null) {
                    b.asNumber(origin.number()).asName(origin.name()).ownerName(origin.name()).ownerId("AS" + origin.number()).source(asSource);
                } else {
                    b.source(countrySource);
                }
                sink.accept(b.build());
            }
        }
    }
}
