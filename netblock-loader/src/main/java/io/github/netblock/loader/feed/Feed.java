package io.github.netblock.loader.feed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One feed, opened on its files: what every feed format offers the build. A feed streams its records
 * into a {@link FeedRecords} sink and counts its bad records in its own {@link #errors()}, which
 * refuse the feed once its error budget is spent.
 *
 * <p>The build reads every feed's directory, every {@link Gives#RANGES range feed} and every
 * {@link Gives#COARSE_BLOCKS coarse feed} whole before it streams any {@link Gives#RECORDS record
 * feed}: a block is joined with complete range layers, the coarse blocks around it and every AS
 * name, wherever its feed stands in the configuration.
 */
public interface Feed {

    /** What a feed's records are, which decides when the build reads it. */
    enum Gives {
        /** AS or country ranges, which every block is joined with: read whole before any block. */
        RANGES,
        /**
         * Blocks with little more than a country and a registry (delegated statistics): read whole
         * before any block; they lend those to the detailed blocks and fill only what those leave.
         */
        COARSE_BLOCKS,
        /** Blocks, reverse DNS entries or registrars, streamed into the database. */
        RECORDS
    }

    /** The feed's name: the source its blocks are attributed to. */
    String name();

    Gives gives();

    /** The files the feed reads, for messages. */
    List<Path> files();

    /**
     * A complete feed means "none" by an absent value: its blocks take no AS or country from the
     * range feeds, and no attribute from weaker duplicates (IANA's special-purpose registry).
     */
    default boolean complete() {
        return false;
    }

    /**
     * The records other feeds' records are named from, read before any record feed's {@link #read}: the
     * AS names of RPSL {@code aut-num} objects ({@link FeedRecords#asName}). Nothing for most formats.
     */
    default void readDirectory(FeedRecords sink) throws IOException {
    }

    /**
     * Streams the feed's records into {@code sink}; a bad record is counted in {@link #errors()}.
     *
     * @return how many records were read (ranges for a range feed)
     */
    long read(FeedRecords sink) throws IOException;

    /** The bad records met so far. */
    ParseErrors errors();
}
