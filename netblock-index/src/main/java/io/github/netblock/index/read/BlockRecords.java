package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.*;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The block records of both families, addressed by global block id (IPv4 blocks first). Every
 * accessor reads only the bytes it needs; ids read from the file (parents) are checked, so a corrupt
 * file is reported as one, never as a caller's mistake.
 */
final class BlockRecords {
    private final Path file;
    private final MappedRegion v4;
    private final MappedRegion v6;
    private final int count4;
    private final int count;
    private final StringPool strings;

    BlockRecords(Path file, MappedRegion v4, MappedRegion v6, int count4, int count6, StringPool strings) {
        this.file = file;
        this.v4 = v4;
        this.v6 = v6;
        this.count4 = count4;
        this.count = count4 + count6;
        this.strings = strings;
    }

    int count() {
        return count;
    }

    int count4() {
        return count4;
    }

    void checkId(int blockId) {
        if (blockId < 0 || blockId >= count) {
            throw new IllegalArgumentException("no block with id " + blockId + " (the database has " + count + ")");
        }
    }

    /** A block id read from the file: NO_BLOCK or a valid id, else the file is corrupt. */
    int checkStored(int blockId, String where) {
        if (blockId < NO_BLOCK || blockId >= count) {
            throw new InvalidDatabaseException(file, where + " points at block " + blockId + " of " + count + " (corrupt file)");
        }
        return blockId;
    }

    private MappedRegion regionOf(int blockId) {
        return blockId < count4 ? v4 : v6;
    }

    /** Byte offset of a block's attributes in its section. */
    private long attributesOf(int blockId) {
        return blockId < count4 ? (long) blockId * BLOCK_V4_SIZE + ATTRS_V4 : (long) (blockId - count4) * BLOCK_V6_SIZE + ATTRS_V6;
    }

    int parentOf(int blockId) {
        int parent = regionOf(blockId).getInt(attributesOf(blockId) + ATTR_PARENT);
        // blocks are in pre-order: a parent always comes before its children
        if (parent != NO_BLOCK && (parent < 0 || parent >= blockId)) {
            throw new InvalidDatabaseException(file, "block " + blockId + " has parent " + parent + " (corrupt file)");
        }
        return parent;
    }

    String attribute(int blockId, BlockAttribute attribute) {
        return strings.get(regionOf(blockId).getInt(attributesOf(blockId) + ATTR_STRINGS + 4L * attribute.index));
    }

    long asNumber(int blockId) {
        return regionOf(blockId).getLong(attributesOf(blockId) + ATTR_AS_NUMBER);
    }

    Instant lastModified(int blockId) {
        return time(regionOf(blockId).getLong(attributesOf(blockId) + ATTR_LAST_MODIFIED));
    }

    IpRange range(int blockId) {
        if (blockId < count4) {
            long at = (long) blockId * BLOCK_V4_SIZE;
            return new IpRange(IpAddress.ofV4(v4.getInt(at)), IpAddress.ofV4(v4.getInt(at + 4)));
        }
        long at = (long) (blockId - count4) * BLOCK_V6_SIZE;
        return new IpRange(IpAddress.ofV6(v6.getLong(at), v6.getLong(at + 8)), IpAddress.ofV6(v6.getLong(at + 16), v6.getLong(at + 24)));
    }

    /** The whole block with every attribute. */
    Netblock block(int blockId) {
        MappedRegion r = regionOf(blockId);
        long attrs = attributesOf(blockId);
        long s = attrs + ATTR_STRINGS;
        long as = r.getLong(attrs + ATTR_AS_NUMBER);
        return new Netblock(range(blockId),
                strings.get(r.getInt(s + 4L * STR_NAME)),
                strings.get(r.getInt(s + 4L * STR_HANDLE)),
                strings.get(r.getInt(s + 4L * STR_DESCRIPTION)),
                strings.get(r.getInt(s + 4L * STR_STATUS)),
                strings.get(r.getInt(s + 4L * STR_COUNTRY)),
                strings.get(r.getInt(s + 4L * STR_OWNER_ID)),
                strings.get(r.getInt(s + 4L * STR_OWNER_NAME)),
                strings.get(r.getInt(s + 4L * STR_ABUSE_EMAIL)),
                strings.get(r.getInt(s + 4L * STR_REGISTRY)),
                time(r.getLong(attrs + ATTR_LAST_MODIFIED)),
                as == NO_AS ? null : as,
                strings.get(r.getInt(s + 4L * STR_AS_NAME)),
                strings.get(r.getInt(s + 4L * STR_SOURCE)));
    }

    static Instant time(long millis) {
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }
}
