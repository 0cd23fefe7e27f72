package io.github.netblock.index.format;

import io.github.netblock.index.model.SourceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the header of a {@code .nbdb} file says about it.
 *
 * @param formatMajor format major version
 * @param formatMinor format minor version
 * @param buildTime   when the file was written
 * @param dataDate    the date of the newest data in it (the feeds' date, not the build's); may be null
 * @param description free text, e.g. "bundled default database"
 * @param sources     the feeds, in precedence order (first wins)
 * @param counts      block, interval and entry counts
 * @param fileLength  file length in bytes (filled in by the reader)
 * @param checksum    CRC32C of the file body (filled in by the reader)
 */
public record DatabaseMetadata(
        int formatMajor,
        int formatMinor,
        Instant buildTime,
        Instant dataDate,
        String description,
        List<SourceInfo> sources,
        Counts counts,
        long fileLength,
        int checksum) {

    public DatabaseMetadata {
        sources = List.copyOf(sources);
    }

    /** The checksum as the 8 hex digits tools print. */
    public String checksumHex() {
        return String.format("%08x", checksum);
    }

    /** Age of the data at {@code now}: from the data date when known, else from the build time. */
    public Duration age(Instant now) {
        return Duration.between(dataDate != null ? dataDate : buildTime, now);
    }

    public DatabaseMetadata withFile(long length, int crc) {
        return new DatabaseMetadata(formatMajor, formatMinor, buildTime, dataDate, description, sources, counts, length, crc);
    }

    /**
     * @param v4Blocks         IPv4 blocks stored
     * @param v6Blocks         IPv6 blocks stored
     * @param v4Intervals      IPv4 elementary intervals
     * @param v6Intervals      IPv6 elementary intervals
     * @param reverseDns       reverse DNS entries
     * @param registrars       registrar entries
     * @param inputBlocks      blocks given to the builder
     * @param mergedDuplicates blocks merged into another block with the same range
     * @param droppedOverlaps  blocks dropped because they partially overlapped a stronger block
     */
    public record Counts(
            long v4Blocks,
            long v6Blocks,
            long v4Intervals,
            long v6Intervals,
            long reverseDns,
            long registrars,
            long inputBlocks,
            long mergedDuplicates,
            long droppedOverlaps) {

        public long blocks() {
            return v4Blocks + v6Blocks;
        }
    }
}
