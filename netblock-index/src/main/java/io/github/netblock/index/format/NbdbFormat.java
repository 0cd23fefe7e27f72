package io.github.netblock.index.format;

import java.nio.ByteOrder;

/**
 * The layout of a {@code .nbdb} file, shared by the writer and the reader. All numbers are little
 * endian (the byte order of the machines that run Elasticsearch, so a mapped read needs no swap).
 *
 * <pre>
 * offset  size  field
 * 0       8     magic "NBDB\r\n\x1a\n" (the \r\n and \x1a catch text-mode transfers, as PNG does)
 * 8       2     format major version: a reader refuses any other major
 * 10      2     format minor version: additions a reader of the same major may ignore
 * 12      4     header length = offset of the first section (8-aligned)
 * 16      8     file length
 * 24      4     CRC32C of bytes [32, file length)
 * 28      4     reserved, 0
 * 32      4     metadata length M, then M bytes of metadata (see MetadataCodec)
 * 36+M    4     section count S, then S entries of {u32 id, u32 reserved, u64 offset, u64 length}
 *               sections follow, each 8-aligned
 * </pre>
 *
 * <p>Strings live once in the STRINGS section; a string id is its byte offset there. Since 3.0 the
 * section starts with a {@link SymbolTable} and each string is a varint count of codes, then the codes
 * (its UTF-8 bytes compressed); before, a varint length, then the UTF-8 bytes. {@link #NO_STRING} means null. Times are epoch milliseconds,
 * {@link #NO_TIME} means null. Block ids are global: IPv4 blocks are {@code 0 .. v4Count-1}, IPv6
 * blocks follow. Blocks are stored in pre-order (first address ascending, wider first), so a
 * parent's id is always smaller than its children's.
 */
public final class NbdbFormat {
    private NbdbFormat() {}

    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final byte[] MAGIC = {'N', 'B', 'D', 'B', 0x0D, 0x0A, 0x1A, 0x0A};
    public static final int MAJOR_VERSION = 3;
    public static final int MINOR_VERSION = 0;
    /**
     * The oldest major version a reader still opens: 1.x, whose block records carry every attribute
     * themselves (no attribute sets). A plugin upgrade must not refuse the databases operators published.
     */
    public static final int OLDEST_READABLE_MAJOR = 1;

    public static final int OFFSET_MAJOR = 8;
    public static final int OFFSET_MINOR = 10;
    public static final int OFFSET_HEADER_LENGTH = 12;
    public static final int OFFSET_FILE_LENGTH = 16;
    public static final int OFFSET_CHECKSUM = 24;
    /** The checksum covers everything from here to the end of the file. */
    public static final int CHECKSUM_FROM = 32;
    public static final int OFFSET_METADATA = 32;
    public static final int SECTION_ENTRY_SIZE = 24;

    public static final int NO_STRING = -1;
    /** The longest string a database keeps, in UTF-8 bytes (a reader takes a longer one for a corrupt length). */
    public static final int MAX_STRING_BYTES = 1 << 24;
    public static final long NO_TIME = Long.MIN_VALUE;
    public static final long NO_AS = -1;
    public static final int NO_BLOCK = -1;

    // Section ids. A reader fails on a missing required section and ignores unknown ones.
    public static final int SECTION_STRINGS = 1;
    public static final int SECTION_BLOCKS_V4 = 2;
    public static final int SECTION_BLOCKS_V6 = 3;
    public static final int SECTION_INTERVALS_V4 = 4;
    public static final int SECTION_INTERVALS_V6 = 5;
    public static final int SECTION_INDEX_V4 = 6;
    public static final int SECTION_INDEX_V6 = 7;
    public static final int SECTION_RDNS_V4 = 8;
    public static final int SECTION_RDNS_V6 = 9;
    public static final int SECTION_REGISTRARS = 10;
    /** Since 1.1, optional (a 1.0 file has none: no routing data): origin AS by address. */
    public static final int SECTION_ORIGIN_AS_V4 = 11;
    public static final int SECTION_ORIGIN_AS_V6 = 12;
    /** Since 1.2, optional (a 1.0 or 1.1 file has none: no country data apart from the blocks): country by address. */
    public static final int SECTION_COUNTRY_V4 = 13;
    public static final int SECTION_COUNTRY_V6 = 14;
    /** Since 2.0, required: the attribute sets the block records point at. */
    public static final int SECTION_ATTRIBUTE_SETS = 15;

    /**
     * Since 3.0, required: where the handles are. {u32 HANDLES_IN_RECORD or HANDLES_APART, u32 reserved}, then,
     * when apart, the handles of the blocks that have one, {i32 block, i32 handle} sorted by block. The builder
     * takes whichever is smaller: apart when at most half the blocks have a handle (CSV and delegated data, a
     * synthetic set), in the record otherwise (the RPSL registries' objects, whose key is their handle).
     */
    public static final int SECTION_HANDLES = 16;
    public static final int HANDLES_APART = 0;
    public static final int HANDLES_IN_RECORD = 1;
    public static final int HANDLES_HEADER = 8;
    /** Since 3.0, required: what the attribute sets share (status, country, registry, AS), see COMMON_SIZE. */
    public static final int SECTION_SET_COMMONS = 17;

    /**
     * Block records (3.0): the addresses (IPv4 {u32 first, u32 last}, IPv6 {u64 first high, u64 first
     * low, u64 last high, u64 last low}), then at ATTRS_V4 / ATTRS_V6 {i32 parent, i32 name, [i32 handle,]
     * i32 attribute set, u32 last modified in epoch seconds or {@link #NO_SECONDS}}: what is the object's
     * own; the handle is there only when SECTION_HANDLES says HANDLES_IN_RECORD. What blocks share is one
     * attribute set (SECTION_ATTRIBUTE_SETS, SET_SIZE bytes): {i32 description, owner id, owner name, abuse
     * e-mail, common}, the common part (SECTION_SET_COMMONS, COMMON_SIZE bytes) being what whole
     * registries and allocations share: {i64 AS number or NO_AS, i32 status, country, registry, AS name,
     * source}. So a RIPE-scale file needs 24 or 28 bytes an IPv4 block and 20 an attribute set (72 bytes a
     * block in 1.x, 28 and 44 in 2.0).
     */
    public static final int BLOCK_V4_SIZE = 24;
    public static final int BLOCK_V6_SIZE = 48;
    public static final int ATTRS_V4 = 8;
    public static final int ATTRS_V6 = 32;
    public static final int ATTR_PARENT = 0;
    public static final int ATTR_NAME = 4;
    /** The handle's column (HANDLES_IN_RECORD only); the set and seconds follow it, 4 bytes further. */
    public static final int ATTR_HANDLE = 8;
    public static final int ATTR_SET = 8;
    public static final int ATTR_SECONDS = 12;
    /** The bytes the handle column adds to a record. */
    public static final int HANDLE_COLUMN = 4;

    /** The record size of a 3.0 block. */
    public static int blockSize(boolean v6, boolean handlesInRecord) {
        return (v6 ? BLOCK_V6_SIZE : BLOCK_V4_SIZE) + (handlesInRecord ? HANDLE_COLUMN : 0);
    }

    public static final int HANDLE_ENTRY_SIZE = 8;
    /** No last-modified time (u32 all ones; times are seconds from 1970 to 2106). */
    public static final int NO_SECONDS = -1;
    public static final int SET_SIZE = 20;
    /** Offset of the common part's id in a set, after its four string ids. */
    public static final int SET_COMMON = 16;
    public static final int COMMON_SIZE = 28;
    public static final int COMMON_AS_NUMBER = 0;
    /** Offset of the first string id in a common part, after the AS number. */
    public static final int COMMON_STRINGS = 8;

    /** Where a string attribute of a 3.0 block is. */
    public enum Place { RECORD, HANDLES, SET, COMMON }

    public static Place placeOf(int stringAttribute) {
        return switch (stringAttribute) {
            case STR_NAME -> Place.RECORD;
            case STR_HANDLE -> Place.HANDLES;
            case STR_DESCRIPTION, STR_OWNER_ID, STR_OWNER_NAME, STR_ABUSE_EMAIL -> Place.SET;
            default -> Place.COMMON;
        };
    }

    /** The index of a string attribute among the four of a set or the five of a common part. */
    public static int indexIn(int stringAttribute) {
        return switch (stringAttribute) {
            case STR_DESCRIPTION, STR_STATUS -> 0;
            case STR_OWNER_ID, STR_COUNTRY -> 1;
            case STR_OWNER_NAME, STR_REGISTRY -> 2;
            case STR_ABUSE_EMAIL, STR_AS_NAME -> 3;
            case STR_SOURCE -> 4;
            default -> throw new IllegalArgumentException("string attribute " + stringAttribute + " is not in a set");
        };
    }

    // 2.0 block records (still read): the addresses, then {i32 parent, i32 name, i32 handle, i32
    // attribute set, u32 seconds}; a 2.0 attribute set is {i32 description, status, country, owner id,
    // owner name, abuse e-mail, registry, AS name, source; i64 AS number}; strings are not compressed.
    public static final int V2_BLOCK_V4_SIZE = 28;
    public static final int V2_BLOCK_V6_SIZE = 52;
    public static final int V2_ATTR_HANDLE = 8;
    public static final int V2_ATTR_SET = 12;
    public static final int V2_ATTR_SECONDS = 16;
    public static final int V2_SET_SIZE = 44;
    public static final int V2_SET_AS_NUMBER = 36;

    // 1.x block records (still read): the addresses, then {i32 parent, i64 last modified (ms), i64 AS,
    // then the STRING_ATTRIBUTES string ids in STR_* order}.
    public static final int V1_BLOCK_V4_SIZE = 72;
    public static final int V1_BLOCK_V6_SIZE = 96;
    public static final int V1_ATTR_LAST_MODIFIED = 4;
    public static final int V1_ATTR_AS_NUMBER = 12;
    public static final int V1_ATTR_STRINGS = 20;

    /** The string attributes of a 1.x block, in record order (each an int string id). */
    public static final int STR_NAME = 0;
    public static final int STR_HANDLE = 1;
    public static final int STR_DESCRIPTION = 2;
    public static final int STR_STATUS = 3;
    public static final int STR_COUNTRY = 4;
    public static final int STR_OWNER_ID = 5;
    public static final int STR_OWNER_NAME = 6;
    public static final int STR_ABUSE_EMAIL = 7;
    public static final int STR_REGISTRY = 8;
    public static final int STR_AS_NAME = 9;
    public static final int STR_SOURCE = 10;
    public static final int STRING_ATTRIBUTES = 11;

    /** The index of a (non-record) string attribute among the nine of a 2.0 attribute set. */
    public static int v2SetIndex(int stringAttribute) {
        return switch (stringAttribute) {
            case STR_DESCRIPTION -> 0;
            case STR_STATUS -> 1;
            case STR_COUNTRY -> 2;
            case STR_OWNER_ID -> 3;
            case STR_OWNER_NAME -> 4;
            case STR_ABUSE_EMAIL -> 5;
            case STR_REGISTRY -> 6;
            case STR_AS_NAME -> 7;
            case STR_SOURCE -> 8;
            default -> throw new IllegalArgumentException("string attribute " + stringAttribute + " is in the block record");
        };
    }

    // Elementary intervals: start address and the narrowest block covering it (or NO_BLOCK):
    // IPv4 {u32 start, i32 block}, IPv6 {u64 start high, u64 start low, i32 block} (2.0 and before
    // padded the IPv6 row to 24 bytes).
    public static final int INTERVAL_V4_SIZE = 8;
    public static final int INTERVAL_V6_SIZE = 20;
    public static final int V2_INTERVAL_V6_SIZE = 24;

    /** The IPv6 interval row of a file of this major version. */
    public static int intervalV6Size(int major) {
        return major >= 3 ? INTERVAL_V6_SIZE : V2_INTERVAL_V6_SIZE;
    }

    /**
     * Radix index over the intervals: a section starts with {u32 stride count, u32 strides...}
     * padded to 8 bytes, then nodes. A node of stride s has 2^s + 1 entries; the interval holding an
     * address of slot i is among [lo(i), lo(i+1)]. Nodes of inner levels have {i32 lo, i32 child}
     * entries, child being the byte offset of a finer node (relative to the first node) or 0 for a
     * leaf; nodes of the last level have {i32 lo} entries only.
     */
    public static final int INDEX_ENTRY_SIZE = 8;

    // Reverse DNS: address, then {name, registered domain, tld, registrar index, first seen, last seen}.
    public static final int RDNS_V4_SIZE = 36;
    public static final int RDNS_V6_SIZE = 48;
    public static final int RDNS_ATTRS_V4 = 4;
    public static final int RDNS_ATTRS_V6 = 16;
    public static final int RDNS_NAME = 0;
    public static final int RDNS_REGISTERED_DOMAIN = 4;
    public static final int RDNS_TLD = 8;
    public static final int RDNS_REGISTRAR = 12;
    public static final int RDNS_FIRST_SEEN = 16;
    public static final int RDNS_LAST_SEEN = 24;

    /**
     * Origin AS (1.1): the routing view of the address space, apart from the WHOIS blocks, because
     * routed prefixes cut across registry objects. Rows sorted by start, without overlaps: an address
     * belongs to the last row that starts at or before it, whose AS is {@link #NO_AS} in a gap.
     * IPv4 rows {u32 start, i32 AS name, i64 AS}; IPv6 rows {u64 start high, u64 start low, i32 AS
     * name, u32 reserved, i64 AS}.
     */
    public static final int ORIGIN_AS_V4_SIZE = 16;
    public static final int ORIGIN_AS_V6_SIZE = 32;

    /**
     * Country (1.2): where an address is, by a location data set (ISO 3166 code), apart from the
     * registry's country of the WHOIS blocks. The same rows as the origin AS without the AS number, an
     * address's country being the name of its row ({@link #NO_STRING} in a gap): IPv4 rows {u32 start,
     * i32 country}; IPv6 rows {u64 start high, u64 start low, i32 country, u32 reserved}.
     */
    public static final int COUNTRY_V4_SIZE = 8;
    public static final int COUNTRY_V6_SIZE = 24;

    /** The row size of a view (origin AS: numbered; country: not). */
    public static int viewRowSize(boolean v6, boolean numbered) {
        if (numbered) {
            return v6 ? ORIGIN_AS_V6_SIZE : ORIGIN_AS_V4_SIZE;
        }
        return v6 ? COUNTRY_V6_SIZE : COUNTRY_V4_SIZE;
    }

    // Registrars, sorted by the UTF-8 bytes of the domain: {domain, name, i64 IANA id or NO_AS}.
    public static final int REGISTRAR_SIZE = 16;

    public static long align8(long v) {
        return (v + 7) & ~7L;
    }
}
