package io.github.netblock.loader.pipeline;

import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.merge.RangeLayer;
import io.github.netblock.loader.merge.Layered;
import java.util.List;

/**
 * The ranges of the IP-to-ASN and IP-to-country feeds as two layers, each flattened without overlaps
 * ({@link RangeLayer}). They are not netblocks: a range of an IP-to-ASN file is a piece of a routed
 * prefix, a range of an IP-to-country file a piece of a location data set, and neither names a
 * network, an owner or an abuse contact. So they become the database's two views of the address
 * space, apart from the blocks: the routing view ({@link #routes()}: the origin AS by address) and the
 * location view ({@link #countries()}: the country by address). Blocks only borrow an AS from them
 * ({@link #attach}); a block's country stays the registry's.
 */
final class Layers {
    private final RangeLayer<OriginAs> as;
    private final RangeLayer<String> country;

    /**
     * @param asRanges      AS ranges, a later one winning where two overlap
     * @param countryRanges country ranges, a later one winning where two overlap
     */
    Layers(List<Layered<OriginAs>> asRanges, List<Layered<String>> countryRanges) {
        this.as = new RangeLayer<>(asRanges);
        this.country = new RangeLayer<>(countryRanges);
    }

    /** The block with the AS it lacks, from a range (or neighbouring ranges of one AS) that covers all of it. */
    Netblock attach(Netblock block) {
        OriginAs origin = block.asNumber() == null ? as.covering(block.range()) : null;
        if (origin == null) {
            return block;
        }
        return block.toBuilder().asNumber(origin.number()).asName(origin.name()).build();
    }

    /**
     * The AS layer as the database's routing view (origin AS by address, apart from the blocks): a
     * piece dropped inside a WHOIS object (see {@code CoarseBlocks}) still gives the address its AS.
     * Without overlaps, as the builder requires.
     */
    List<Layered<OriginAs>> routes() {
        return as.ranges();
    }

    /** The country layer as the database's location view. Without overlaps, as the builder requires. */
    List<Layered<String>> countries() {
        return country.ranges();
    }
}
