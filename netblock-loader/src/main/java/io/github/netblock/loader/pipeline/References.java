package io.github.netblock.loader.pipeline;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.merge.Layered;
import java.util.ArrayList;
import java.util.List;

/**
 * What the first stage collects from every feed before any detailed block is built: the AS names
 * of the feeds' directories, the AS and country ranges of the range feeds, and the blocks of the
 * coarse feeds (delegated statistics).
 */
final class References {
    private final AsNameJoin asNames = new AsNameJoin();
    /** per feed, strongest feed first */
    private final List<List<Layered<OriginAs>>> asRanges = new ArrayList<>();
    private final List<List<Layered<String>>> countryRanges = new ArrayList<>();
    private final List<Netblock> coarseBlocks = new ArrayList<>();

    /** The sink of one feed; call it strongest feed first. */
    FeedRecords of(String feed) {
        List<Layered<OriginAs>> as = new ArrayList<>();
        List<Layered<String>> country = new ArrayList<>();
        asRanges.add(as);
        countryRanges.add(country);
        return new FeedRecords() {
            @Override
            public void asName(long asNumber, String name) {
                asNames.add(asNumber, name);
            }

            @Override
            public void asRange(IpRange range, OriginAs value) {
                as.add(new Layered<>(range, value));
            }

            @Override
            public void countryRange(IpRange range, String value) {
                country.add(new Layered<>(range, value));
            }

            @Override
            public void block(Netblock block) {
                coarseBlocks.add(block);
            }
        };
    }

    AsNameJoin asNames() {
        return asNames;
    }

    /** The coarse feeds' blocks, strongest feed first. */
    List<Netblock> coarseBlocks() {
        return coarseBlocks;
    }

    /**
     * The layers, with the AS ranges named by the AS-name join. Within a feed a later range wins
     * where two overlap (as the files mean it); between feeds the stronger one does, so the ranges
     * go to the layer weakest feed first.
     */
    Layers layersNamedBy(AsNameJoin join) {
        return new Layers(join.name(weakestFirst(asRanges)), weakestFirst(countryRanges));
    }

    private static <T> List<Layered<T>> weakestFirst(List<List<Layered<T>>> byFeed) {
        List<Layered<T>> out = new ArrayList<>();
        for (int i = byFeed.size() - 1; i >= 0; i--) {
            out.addAll(byFeed.get(i));
        }
        return out;
    }
}
