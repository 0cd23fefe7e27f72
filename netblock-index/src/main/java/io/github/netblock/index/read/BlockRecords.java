package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.*;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The block records of both families, addressed by global block id (IPv4 blocks first), with what
 * they point at: in 3.0 the attribute sets, their common parts and the handles; in 2.0 one level of
 * attribute sets with the handle in the record; in 1.x every attribute in the record (both still
 * read). Every accessor reads only the bytes it needs; ids read from the file (parents, attribute
 * sets, common parts) are checked, so a corrupt file is reported as one, never as a caller's mistake.
 */
final class BlockRecords {
    private final Path file;
    private final int major;
    private final MappedRegion v4;
    private final MappedRegion v6;
    /** Null in a 1.x file. */
    private final MappedRegion sets;
    /** Null before 3.0. */
    private final MappedRegion commons;
    private final MappedRegion handles;
    private final int count4;
    private final int count;
    private final long setCount;
    private final long commonCount;
    private final int handleCount;
    private final int size4;
    private final int size6;
    private final int setSize;
    private final int attrSet;
    private final int attrSeconds;
    /** Whether a record carries its handle (2.0, and 3.0 files whose SECTION_HANDLES says so). */
    private final boolean handlesInRecord;
    private final StringPool strings;

    /** The record size of a file of this major version. */
    private static int recordSize(int major, boolean v6, boolean handlesInRecord) {
        return switch (major) {
            case 1 -> v6 ? V1_BLOCK_V6_SIZE : V1_BLOCK_V4_SIZE;
            case 2 -> v6 ? V2_BLOCK_V6_SIZE : V2_BLOCK_V4_SIZE;
            default -> blockSize(v6, handlesInRecord);
        };
    }

    int recordSize(boolean v6) {
        return v6 ? size6 : size4;
    }

    /** @param sets, commons, handles the sections of the file's version (null when it has none) */
    BlockRecords(Path file, int major, MappedRegion v4, MappedRegion v6, MappedRegion sets, MappedRegion commons,
                 MappedRegion handles, int count4, int count6, StringPool strings) {
        this.file = file;
        this.major = major;
        this.v4 = v4;
        this.v6 = v6;
        this.sets = major >= 2 ? sets : null;
        this.commons = major >= 3 ? commons : null;
        this.handles = major >= 3 ? handles : null;
        this.count4 = count4;
        this.count = count4 + count6;
        this.strings = strings;
        if (major >= 3) {
            if (handles.length() < HANDLES_HEADER) {
                throw new InvalidDatabaseException(file, "handle section has " + handles.length() + " bytes, less than its header");
            }
            int where = handles.getInt(0);
            if (where != HANDLES_IN_RECORD && where != HANDLES_APART) {
                throw new InvalidDatabaseException(file, "handle section says handles are at " + where + ", neither in the records (1) nor apart (0)");
            }
            this.handlesInRecord = where == HANDLES_IN_RECORD;
        } else {
            this.handlesInRecord = major == 2;
        }
        this.size4 = recordSize(major, false, handlesInRecord);
        this.size6 = recordSize(major, true, handlesInRecord);
        int column = major >= 3 && handlesInRecord ? HANDLE_COLUMN : 0;
        this.setSize = major >= 3 ? SET_SIZE : V2_SET_SIZE;
        this.attrSet = major >= 3 ? ATTR_SET + column : V2_ATTR_SET;
        this.attrSeconds = major >= 3 ? ATTR_SECONDS + column : V2_ATTR_SECONDS;
        this.setCount = this.sets == null ? 0 : wholeRows(this.sets, setSize, "attribute-set");
        this.commonCount = this.commons == null ? 0 : wholeRows(this.commons, COMMON_SIZE, "common-attribute");
        if (this.handles == null || handlesInRecord) {
            this.handleCount = 0;
        } else {
            long entries = handles.length() - HANDLES_HEADER;
            if (entries % HANDLE_ENTRY_SIZE != 0) {
                throw new InvalidDatabaseException(file, "handle section has " + handles.length() + " bytes, not whole rows of " + HANDLE_ENTRY_SIZE);
            }
            this.handleCount = (int) (entries / HANDLE_ENTRY_SIZE);
        }
    }

    private long wholeRows(MappedRegion r, int size, String what) {
        if (r.length() % size != 0) {
            throw new InvalidDatabaseException(file, what + " section has " + r.length() + " bytes, not whole rows of " + size);
        }
        return r.length() / size;
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

    /** Byte offset of the block's attribute set (2.0 and later). */
    private long setOf(int blockId) {
        int set = regionOf(blockId).getInt(attributesOf(blockId) + attrSet);
        if (set < 0 || set >= setCount) {
            throw new InvalidDatabaseException(file, "block " + blockId + " points at attribute set " + set + " of " + setCount + " (corrupt file)");
        }
        return (long) set * setSize;
    }

    /** Byte offset of the common part of the block's attribute set (3.0). */
    private long commonOf(int blockId) {
        long set = setOf(blockId);
        int common = sets.getInt(set + SET_COMMON);
        if (common < 0 || common >= commonCount) {
            throw new InvalidDatabaseException(file, "attribute set " + set / setSize + " points at common part " + common + " of "
                    + commonCount + " (corrupt file)");
        }
        return (long) common * COMMON_SIZE;
    }

    /** The handle's string id of a block (3.0): a binary search of the blocks that have one. */
    private int handleOf(int blockId) {
        int lo = 0;
        int hi = handleCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = handles.getInt(HANDLES_HEADER + (long) mid * HANDLE_ENTRY_SIZE);
            if (at < blockId) {
                lo = mid + 1;
            } else if (at > blockId) {
                hi = mid - 1;
            } else {
                return handles.getInt(HANDLES_HEADER + (long) mid * HANDLE_ENTRY_SIZE + 4);
            }
        }
        return NO_STRING;
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
        if (major == 2) {
            if (stringAttribute == STR_HANDLE) {
                return regionOf(blockId).getInt(attrs + V2_ATTR_HANDLE);
            }
            return sets.getInt(setOf(blockId) + 4L * v2SetIndex(stringAttribute));
        }
        return switch (placeOf(stringAttribute)) {
            case RECORD -> regionOf(blockId).getInt(attrs + ATTR_NAME);
            case HANDLES -> handlesInRecord ? regionOf(blockId).getInt(attrs + ATTR_HANDLE) : handleOf(blockId);
            case SET -> sets.getInt(setOf(blockId) + 4L * indexIn(stringAttribute));
            case COMMON -> commons.getInt(commonOf(blockId) + COMMON_STRINGS + 4L * indexIn(stringAttribute));
        };
    }

    long asNumber(int blockId) {
        if (sets == null) {
            return regionOf(blockId).getLong(attributesOf(blockId) + V1_ATTR_AS_NUMBER);
        }
        if (major == 2) {
            return sets.getLong(setOf(blockId) + V2_SET_AS_NUMBER);
        }
        return commons.getLong(commonOf(blockId) + COMMON_AS_NUMBER);
    }

    Instant lastModified(int blockId) {
        if (sets == null) {
            return time(regionOf(blockId).getLong(attributesOf(blockId) + V1_ATTR_LAST_MODIFIED));
        }
        int seconds = regionOf(blockId).getInt(attributesOf(blockId) + attrSeconds);
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
