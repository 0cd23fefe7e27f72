package io.github.netblock.index.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A feed that contributed to a database, recorded in its header.
 *
 * @param name       unique name, e.g. {@code ripe-inetnum}; blocks refer to it by this name
 * @param format     feed format, e.g. {@code rpsl}, {@code delegated-extended}, {@code asn-csv}
 * @param serial     the feed's own serial or version text (RIPE.CURRENTSERIAL, a file date), may be null
 * @param date       the date of the data (not of the download), may be null
 * @param blockCount blocks the source contributed before merging
 */
public record SourceInfo(String name, String format, String serial, Instant date, long blockCount) {

    public SourceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
    }

    public SourceInfo withBlockCount(long count) {
        return new SourceInfo(name, format, serial, date, count);
    }
}
