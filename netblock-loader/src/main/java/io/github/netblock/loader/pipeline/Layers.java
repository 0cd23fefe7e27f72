package io.github.netblock.loader.pipeline;

import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.merge.RangeLayer;
import io.github.netblock.loader.merge.RangeOverlay;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import io.github.netblock.loader.merge.RangeOverlay.Piece;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranges of the IP-to-ASN and IP-to-country feeds as two layers, each flattened without overlaps
 * ({@link RangeLayer}). Blocks take their AS and country from them ({@link #attach}, the merge
 * stage), and the two layers laid over each other give {@link #pieces()}: the coarsest blocks, which
 * fill what no other block covers.
 */
final class Layers {
    private final RangeLayer<OriginAs> as;
    private final RangeLayer<String> country;
    private final String asSource;
    private final String countrySource;
    private final List<Piece<OriginAs, String>> pieces = new ArrayList<>();

    /**
     * @param asRanges      AS ranges, a later one winning where two overlap
     * @param asSource      the feed the AS pieces are attributed to: the strongest AS feed
     * @param countryRanges country ranges, a later one winning where two overlap
     * @param countrySource the feed the pieces with a country alone are attributed to
     */
    Layers(List<Layered<OriginAs>> asRanges, String asSource, List<Layered<String>> countryRanges, String countrySource) {
        this.as = new RangeLayer<>(asRanges);
        this.country = new RangeLayer<>(countryRanges);
        this.asSource = asSource;
        this.countrySource = countrySource;
        for (IpFamily family : IpFamily.values()) {
            List<Layered<OriginAs>> a = as.ranges().stream().filter(l -> l.range().family() == family).toList();
            List<Layered<String>> c = country.ranges().stream().filter(l -> l.range().family() == family).toList();
            // the layers hold no overlaps: nothing to report
            pieces.addAll(RangeOverlay.overlay(a, c, (layer, range) -> { }));
        }
    }

    /** The block with the AS and the country it lacks, each from a range (or neighbouring ranges of one value) that covers all of it. */
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
     * The AS layer as the database's routing view (origin AS by address, apart from the blocks): a
     * piece dropped inside a WHOIS object (see {@code CoarseBlocks}) still gives the address its AS.
     * Without overlaps, as the builder requires.
     */
    List<Layered<OriginAs>> routes() {
        return as.ranges();
    }

    /** The two layers laid over each other, in address order: where either changes, a new piece. */
    List<Piece<OriginAs, String>> pieces() {
        return pieces;
    }

    /** A piece as a block: its country, and its AS with the AS organisation as owner. */
    Netblock block(Piece<OriginAs, String> p) {
        Netblock.Builder b = Netblock.builder(p.range()).country(p.secondValue());
        OriginAs origin = p.firstValue();
        if (origin != null) {
            b.asNumber(origin.number()).asName(origin.name()).ownerName(origin.name()).ownerId("AS" + origin.number()).source(asSource);
        } else {
            b.source(countrySource);
        }
        return b.build();
    }
}
