package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.*;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The block records of both families, addressed by global block id (IPv4 blocks first), with the
 * attribute sets they point at (format 2.0), or with every attribute in the record (1.x, still
 * read). Every accessor reads only the bytes it needs; ids read from the file (parents, attribute
 * sets) are checked, so a corrupt file is reported as one, never as a caller's mistake.
 */
final class BlockRecords {
    private final Path file;
    private final MappedRegion v4;
    private final MappedRegion v6;
    /** Null in a 1.x file. */
    private final MappedRegion sets;
    private final int count4;
    private final int count;
    private final long setCount;
    private final int size4;
    private final int size6;
    private final StringPool strings;

    /** The record sizes of a file of this major version. */
    static int recordSize(int major, boolean v6) {
        if (major == 1) {
            return v6 ? V1_BLOCK_V6_SIZE : V1_BLOCK_V4_SIZE;
        }
        return v6 ? BLOCK_V6_SIZE : BLOCK_V4_SIZE;
    }

    /** @param sets the attribute sets (2.0), null for a 1.x file */
    BlockRecords(Path file, MappedRegion v4, MappedRegion v6, MappedRegion sets, int count4, int count6, StringPool strings) {
        this.file = file;
        this.v4 = v4;
        this.v6 = v6;
        this.sets = sets;
        this.count4 = count4;
        this.count = count4 + count6;
        this.strings = strings;
        int major = sets == null ? 1 : 2;
        this.size4 = recordSize(major, false);
        this.size6 = recordSize(major, true);
        if (sets != null && sets.length() % ATTRIBUTE_SET_SIZE != 0) {
            throw new InvalidDatabaseException(file, "attribute-set section has " + sets.length() + " bytes, not whole sets");
        }
        this.setCount = sets == null ? 0 : sets.length() / ATTRIBUTE_SET_SIZE;
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
        return blockId < count4 ? (long) blockId * size4 + ATTRS_V4 : (long) (blockId - count4) * size6 + ATTRS_V6;
    }

    /** Byte offset of the block's attribute set (2.0). */
    private long setOf(int blockId) {
        int set = regionOf(blockId).getInt(attributesOf(blockId) + ATTR_SET);
        if (set < 0 || set >= setCount) {
            throw new InvalidDatabaseException(file, "block " + blockId + " points at attribute set " + set + " of " + setCount + " (corrupt file)");
        }
        return (long) set * ATTRIBUTE_SET_SIZE;
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
        return strings.get(stringId(blockId, attribute.index));
    }

    private int stringId(int blockId, int stringAttribute) {
        long attrs = attributesOf(blockId);
        if (sets == null) {
            return regionOf(blockId).getInt(attrs + V1_ATTR_STRINGS + 4L * stringAttribute);
        }
        if (stringAttribute == STR_NAME) {
            return regionOf(blockId).getInt(attrs + ATTR_NAME);
        }
        if (stringAttribute == STR_HANDLE) {
            return regionOf(blockId).getInt(attrs + ATTR_HANDLE);
        }
        return sets.getInt(setOf(blockId) + 4L * setIndex(stringAttribute));
    }

    long asNumber(int blockId) {
        if (sets == null) {
            return regionOf(blockId).getLong(attributesOf(blockId) + V1_ATTR_AS_NUMBER);
        }
        return sets.getLong(setOf(blockId) + SET_AS_NUMBER);
    }

    Instant lastModified(int blockId) {
        if (sets == null) {
            return time(regionOf(blockId).getLong(attributesOf(blockId) + V1_ATTR_LAST_MODIFIED));
        }
        int seconds = regionOf(blockId).getInt(attributesOf(blockId) + ATTR_SECONDS);
        return seconds == NO_SECONDS ? null : Instant.ofEpochSecond(Integer.toUnsignedLong(seconds));
    }

    /** A time stored as epoch milliseconds, or null for NO_TIME. */
    static Instant time(long millis) {
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    IpRange range(int blockId) {
        if (blockId < count4) {
            long at = (long) blockId * size4;
            return new IpRange(IpAddress.ofV4(v4.getInt(at)), IpAddress.ofV4(v4.getInt(at + 4)));
        }
        long at = (long) (blockId - count4) * size6;
        return new IpRange(IpAddress.ofV6(v6.getLong(at), v6.getLong(at + 8)), IpAddress.ofV6(v6.getLong(at + 16), v6.getLong(at + 24)));
    }

    /** The whole block with every attribute. */
    Netblock block(int blockId) {
        long as = asNumber(blockId);
        return new Netblock(range(blockId),
                strings.get(stringId(blockId, STR_NAME)),
                strings.get(stringId(blockId, STR_HANDLE)),
                strings.get(stringId(blockId, STR_DESCRIPTION)),
                strings.get(stringId(blockId, STR_STATUS)),
                strings.get(stringId(blockId, STR_COUNTRY)),
                strings.get(stringId(blockId, STR_OWNER_ID)),
                strings.get(stringId(blockId, STR_OWNER_NAME)),
                strings.get(stringId(blockId, STR_ABUSE_EMAIL)),
                strings.get(stringId(blockId, STR_REGISTRY)),
                lastModified(blockId),
                as == NO_AS ? null : as,
                strings.get(stringId(blockId, STR_AS_NAME)),
                strings.get(stringId(blockId, STR_SOURCE)));
    }
}
