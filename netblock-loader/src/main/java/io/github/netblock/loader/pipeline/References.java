package io.github.netblock.loader.pipeline;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import java.util.ArrayList;
import java.util.List;

/**
 * What the first stage collects from every feed before any block is built: the AS names of the
 * feeds' directories, and the AS and country ranges of the range feeds.
 */
final class References {
    private final AsNameJoin asNames = new AsNameJoin();
    private final List<Layered<OriginAs>> asRanges = new ArrayList<>();
    private final List<Layered<String>> countryRanges = new ArrayList<>();
    private String asSource;
    private String countrySource;

    /** The sink of one feed; call it strongest feed first. */
    FeedRecords of(String feed) {
        return new FeedRecords() {
            @Override
            public void asName(long asNumber, String name) {
                asNames.add(asNumber, name);
            }

            @Override
            public void asRange(IpRange range, OriginAs as) {
                asRanges.add(new Layered<>(range, as));
                asSource = asSource == null ? feed : asSource;
            }

            @Override
            public void countryRange(IpRange range, String country) {
                countryRanges.add(new Layered<>(range, country));
                countrySource = countrySource == null ? feed : countrySource;
            }
        };
    }

    AsNameJoin asNames() {
        return asNames;
    }

    /** The layers, with the AS ranges named by the AS-name join. */
    Layers layersNamedBy(AsNameJoin join) {
        return new Layers(join.name(asRanges), asSource, countryRanges, countrySource);
    }
}
