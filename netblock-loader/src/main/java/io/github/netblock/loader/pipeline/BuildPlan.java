package io.github.netblock.loader.pipeline;

import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.loader.feed.Feed;
import java.time.Instant;
import java.util.List;

/**
 * What a build reads and declares: the header's description and data date, and the feeds, strongest
 * first (their order is the precedence of their blocks), each with the source entry it is declared
 * under. {@link ConfiguredFeeds} makes one from a configuration; the bundled database has its own.
 */
public record BuildPlan(String description, Instant dataDate, List<Input> feeds) {
    public BuildPlan {
        feeds = List.copyOf(feeds);
    }

    /** One feed and its entry in the header's sources (same name: blocks name their source). */
    public record Input(SourceInfo source, Feed feed) {
        public Input {
            if (!source.name().equals(feed.name())) {
                throw new IllegalArgumentException("source " + source.name() + " declared for feed " + feed.name());
            }
        }

        public String name() {
            return feed.name();
        }
    }
}
