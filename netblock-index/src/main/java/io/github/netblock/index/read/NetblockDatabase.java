package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.*;

import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.format.MetadataCodec;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A memory-mapped {@code .nbdb} database. The sections are read in place: the heap holds only this
 * object, the metadata, a handful of buffers and a bounded cache of 16384 decoded strings, whatever
 * the size of the file.
 *
 * <p>Thread-safe: any number of threads may look up at once. {@link #close()} releases the mapping
 * at once, so it must only be called when no other thread is still looking up (the plugin keeps a
 * reference count per database for that); later calls throw {@link ClosedDatabaseException}.
 */
public final class NetblockDatabase implements Closeable {
    private final Path file;
    private final DatabaseMetadata metadata;
    private final MappedRegion strings;
    private final MappedRegion blocks4;
    private final MappedRegion blocks6;
    private final MappedRegion intervals4;
    private final MappedRegion intervals6;
    private final MappedRegion index4;
    private final MappedRegion index6;
    private final MappedRegion rdns4;
    private final MappedRegion rdns6;
    private final MappedRegion registrars;
    private final int[] strides4;
    private final int[] strides6;
    private final long nodes4;
    private final boolean singleLevel4;
    private final long nodes6;
    private final int count4;
    private final int count6;
    private final int intervalCount4;
    private final int intervalCount6;
    private final int rdnsCount4;
    private final int rdnsCount6;
    private final int registrarCount;
    private static final int STRING_CACHE_BITS = 14;
    private final CachedString[] stringCache = new CachedString[1 << STRING_CACHE_BITS];
    private volatile boolean closed;

    private NetblockDatabase(Path file, DatabaseMetadata metadata, Map<Integer, MappedRegion> s) throws InvalidDatabaseException {
        this.file = file;
        this.metadata = metadata;
        this.strings = s.get(SECTION_STRINGS);
        this.blocks4 = s.get(SECTION_BLOCKS_V4);
        this.blocks6 = s.get(SECTION_BLOCKS_V6);
        this.intervals4 = s.get(SECTION_INTERVALS_V4);
        this.intervals6 = s.get(SECTION_INTERVALS_V6);
        this.index4 = s.get(SECTION_INDEX_V4);
        this.index6 = s.get(SECTION_INDEX_V6);
        this.rdns4 = s.get(SECTION_RDNS_V4);
        this.rdns6 = s.get(SECTION_RDNS_V6);
        this.registrars = s.get(SECTION_REGISTRARS);
        DatabaseMetadata.Counts c = metadata.counts();
        this.count4 = count(c.v4Blocks(), "IPv4 blocks");
        this.count6 = count(c.v6Blocks(), "IPv6 blocks");
        this.intervalCount4 = count(c.v4Intervals(), "IPv4 intervals");
        this.intervalCount6 = count(c.v6Intervals(), "IPv6 intervals");
        expectLength(blocks4, (long) count4 * BLOCK_V4_SIZE, "IPv4 blocks");
        expectLength(blocks6, (long) count6 * BLOCK_V6_SIZE, "IPv6 blocks");
        expectLength(intervals4, (long) intervalCount4 * INTERVAL_V4_SIZE, "IPv4 intervals");
        expectLength(intervals6, (long) intervalCount6 * INTERVAL_V6_SIZE, "IPv6 intervals");
        if (intervalCount4 < 1 || intervalCount6 < 1) {
            throw new InvalidDatabaseException(file, "interval tables must cover the whole address space");
        }
        this.rdnsCount4 = (int) (rdns4.length() / RDNS_V4_SIZE);
        this.rdnsCount6 = (int) (rdns6.length() / RDNS_V6_SIZE);
        this.registrarCount = (int) (registrars.length() / REGISTRAR_SIZE);
        if (rdns4.length() % RDNS_V4_SIZE != 0 || rdns6.length() % RDNS_V6_SIZE != 0
                || registrars.length() % REGISTRAR_SIZE != 0 || rdnsCount4 + (long) rdnsCount6 != c.reverseDns()
                || registrarCount != c.registrars()) {
            throw new InvalidDatabaseException(file, "reverse DNS or registrar sections do not match the header counts");
        }
        this.strides4 = strides(index4, 32, "IPv4");
        this.strides6 = strides(index6, 64, "IPv6");
        this.nodes4 = align8(4L + 4L * strides4.length);
        this.nodes6 = align8(4L + 4L * strides6.length);
        this.singleLevel4 = strides4.length == 1;
        long rootSize4 = ((1L << strides4[0]) + 1) * (strides4.length == 1 ? 4 : INDEX_ENTRY_SIZE);
        long rootSize6 = ((1L << strides6[0]) + 1) * (strides6.length == 1 ? 4 : INDEX_ENTRY_SIZE);
        if (index4.length() < nodes4 + rootSize4 || index6.length() < nodes6 + rootSize6) {
            throw new InvalidDatabaseException(file, "radix index is shorter than its root node");
        }
    }

    private int count(long v, String what) throws InvalidDatabaseException {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidDatabaseException(file, what + " count " + v + " is out of range");
        }
        return (int) v;
    }

    private void expectLength(MappedRegion r, long expected, String what) throws InvalidDatabaseException {
        if (r.length() != expected) {
            throw new InvalidDatabaseException(file, what + " section has " + r.length() + " bytes, the header counts say " + expected);
        }
    }

    private int[] strides(MappedRegion r, int maxBits, String what) throws InvalidDatabaseException {
        if (r.length() < 8) {
            throw new InvalidDatabaseException(file, what + " index section is too short");
        }
        int n = r.getInt(0);
        if (n < 1 || n > 64 || r.length() < 4L + 4L * n) {
            throw new InvalidDatabaseException(file, what + " index has an invalid stride count " + n);
        }
        int[] strides = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            strides[i] = r.getInt(4L + 4L * i);
            total += strides[i];
            if (strides[i] < 1 || strides[i] > 24 || total > maxBits) {
                throw new InvalidDatabaseException(file, what + " index has invalid strides " + Arrays.toString(strides));
            }
        }
        return strides;
    }

    /** Opens, verifying the checksum. */
    public static NetblockDatabase open(Path file) throws IOException {
        return open(file, OpenOptions.DEFAULT);
    }

    public static NetblockDatabase open(Path file, OpenOptions options) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < CHECKSUM_FROM + 8) {
                ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, MAGIC.length));
                readFully(ch, start, 0);
                if (!Arrays.equals(start.array(), 0, start.capacity(), MAGIC, 0, start.capacity()) || size == 0) {
                    throw new InvalidDatabaseException(file, size == 0 ? "empty file" : "not a netblock database (bad magic bytes)");
                }
                throw new InvalidDatabaseException(file, "truncated: " + size + " bytes is shorter than the header");
            }
            ByteBuffer fixed = ByteBuffer.allocate(CHECKSUM_FROM).order(ORDER);
            readFully(ch, fixed, 0);
            byte[] magic = new byte[MAGIC.length];
            fixed.get(0, magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidDatabaseException(file, "not a netblock database (bad magic bytes)");
            }
            int major = Short.toUnsignedInt(fixed.getShort(OFFSET_MAJOR));
            int minor = Short.toUnsignedInt(fixed.getShort(OFFSET_MINOR));
            if (major != MAJOR_VERSION) {
                throw new InvalidDatabaseException(file, "unsupported format version " + major + "." + minor
                        + "; this reader reads version " + MAJOR_VERSION + ".x");
            }
            long headerLength = Integer.toUnsignedLong(fixed.getInt(OFFSET_HEADER_LENGTH));
            long fileLength = fixed.getLong(OFFSET_FILE_LENGTH);
            int checksum = fixed.getInt(OFFSET_CHECKSUM);
            if (fileLength != size) {
                throw new InvalidDatabaseException(file, (size < fileLength ? "truncated" : "trailing bytes")
                        + ": the header says " + fileLength + " bytes, the file has " + size);
            }
            if (headerLength < OFFSET_METADATA + 8 || headerLength > size) {
                throw new InvalidDatabaseException(file, "header length " + headerLength + " is out of range");
            }
            if (options.verifyChecksum()) {
                int actual = crc(ch, size);
                if (actual != checksum) {
                    throw new InvalidDatabaseException(file, String.format(Locale.ROOT,
                            "checksum mismatch: the header says %08x, the content is %08x (corrupt file)", checksum, actual));
                }
            }
            ByteBuffer header = ByteBuffer.allocate((int) (headerLength - OFFSET_METADATA)).order(ORDER);
            readFully(ch, header, OFFSET_METADATA);
            header.flip();
            DatabaseMetadata metadata;
            Map<Integer, long[]> directory = new HashMap<>();
            try {
                int metaLength = header.getInt();
                if (metaLength < 0 || metaLength > header.remaining()) {
                    throw new IllegalArgumentException("metadata length " + metaLength + " is out of range");
                }
                ByteBuffer meta = header.slice(header.position(), metaLength).order(ORDER);
                metadata = MetadataCodec.decode(meta, major, minor).withFile(size, checksum);
                header.position(header.position() + metaLength);
                int sections = header.getInt();
                if (sections < 0 || sections > 1024 || sections * (long) SECTION_ENTRY_SIZE > header.remaining()) {
                    throw new IllegalArgumentException("section count " + sections + " is out of range");
                }
                for (int i = 0; i < sections; i++) {
                    int id = header.getInt();
                    header.getInt();
                    long offset = header.getLong();
                    long length = header.getLong();
                    if (offset < headerLength || length < 0 || offset > size || length > size - offset) {
                        throw new IllegalArgumentException("section " + id + " [" + offset + ", +" + length + ") lies outside the file");
                    }
                    directory.put(id, new long[] {offset, length});
                }
            } catch (RuntimeException e) {
                throw new InvalidDatabaseException(file, "corrupt header: " + e.getMessage(), e);
            }
            Map<Integer, MappedRegion> regions = new HashMap<>();
            try {
                for (int id = SECTION_STRINGS; id <= SECTION_REGISTRARS; id++) {
                    long[] at = directory.get(id);
                    if (at == null) {
                        throw new InvalidDatabaseException(file, "required section " + id + " is missing");
                    }
                    regions.put(id, MappedRegion.map(ch, at[0], at[1], options.mapChunkBits()));
                }
                return new NetblockDatabase(file, metadata, regions);
            } catch (IOException | RuntimeException e) {
                regions.values().forEach(MappedRegion::unmap);
                throw e;
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file");
            }
        }
    }

    private static int crc(FileChannel ch, long size) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long pos = CHECKSUM_FROM;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            crc.update(buf);
            pos += n;
        }
        return (int) crc.getValue();
    }

    public Path file() {
        return file;
    }

    public DatabaseMetadata metadata() {
        return metadata;
    }

    /** Number of blocks; ids are 0 .. blockCount()-1, IPv4 blocks first. */
    public int blockCount() {
        return count4 + count6;
    }

    /** Whether {@link #close()} releases the mapping at once (else the garbage collector does). */
    public static boolean canReleaseMappingOnClose() {
        return Unmapper.isSupported();
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClosedDatabaseException(file);
        }
    }

    /** Id of the narrowest block containing the address, or {@code NO_BLOCK} (-1). IPv4-mapped IPv6 looks up as IPv4. */
    public int findBlock(IpAddress address) {
        IpAddress a = address.unmapped();
        return a.isV4() ? findBlockV4(a.v4Value()) : findBlockV6(a.high(), a.low());
    }

    /** Id of the narrowest IPv4 block containing the address given as its 32-bit value, or -1. */
    public int findBlockV4(int address) {
        ensureOpen();
        MappedRegion index = index4;
        int lo;
        int hi;
        if (singleLevel4) {
            // the default shape: one direct table, lo and hi side by side
            long e = nodes4 + (long) (address >>> (32 - strides4[0])) * 4;
            lo = index.getInt(e);
            hi = index.getInt(e + 4);
            return searchV4(address, lo, hi);
        }
        long key = (address & 0xFFFF_FFFFL) << 32;
        long node = nodes4;
        int consumed = 0;
        int[] strides = strides4;
        int lastLevel = strides.length - 1;
        for (int level = 0; ; level++) {
            int stride = strides[level];
            int slot = (int) ((key >>> (64 - consumed - stride)) & ((1L << stride) - 1));
            if (level == lastLevel) {
                long e = node + (long) slot * 4;
                lo = index.getInt(e);
                hi = index.getInt(e + 4);
                break;
            }
            long e = node + (long) slot * INDEX_ENTRY_SIZE;
            lo = index.getInt(e);
            int child = index.getInt(e + 4);
            if (child == 0) {
                hi = index.getInt(e + INDEX_ENTRY_SIZE);
                break;
            }
            node = nodes4 + child;
            consumed += stride;
        }
        return searchV4(address, lo, hi);
    }

    /** The block of the last interval in [lo, hi] that starts at or before the address. */
    private int searchV4(int address, int lo, int hi) {
        // Branch-free binary search: the loop count depends only on the range size, and the
        // comparison becomes a conditional move instead of a mispredicted branch.
        MappedRegion iv = intervals4;
        int flipped = address ^ Integer.MIN_VALUE; // unsigned order as signed compares
        int base = lo;
        int n = hi - lo + 1;
        while (n > 1) {
            int half = n >>> 1;
            int probe = base + half;
            base = (iv.getInt((long) probe * INTERVAL_V4_SIZE) ^ Integer.MIN_VALUE) <= flipped ? probe : base;
            n -= half;
        }
        return iv.getInt((long) base * INTERVAL_V4_SIZE + 4);
    }

    /** Id of the narrowest IPv6 block containing (high, low), or -1. */
    public int findBlockV6(long high, long low) {
        ensureOpen();
        MappedRegion index = index6;
        long node = nodes6;
        int consumed = 0;
        int lo;
        int hi;
        int[] strides = strides6;
        int lastLevel = strides.length - 1;
        for (int level = 0; ; level++) {
            int stride = strides[level];
            int slot = (int) ((high >>> (64 - consumed - stride)) & ((1L << stride) - 1));
            if (level == lastLevel) {
                long e = node + (long) slot * 4;
                lo = index.getInt(e);
                hi = index.getInt(e + 4);
                break;
            }
            long e = node + (long) slot * INDEX_ENTRY_SIZE;
            lo = index.getInt(e);
            int child = index.getInt(e + 4);
            if (child == 0) {
                hi = index.getInt(e + INDEX_ENTRY_SIZE);
                break;
            }
            node = nodes6 + child;
            consumed += stride;
        }
        MappedRegion iv = intervals6;
        long flippedHigh = high ^ Long.MIN_VALUE;
        long flippedLow = low ^ Long.MIN_VALUE;
        int base = lo;
        int n = hi - lo + 1;
        while (n > 1) {
            int half = n >>> 1;
            int probe = base + half;
            long at = (long) probe * INTERVAL_V6_SIZE;
            long h = iv.getLong(at) ^ Long.MIN_VALUE;
            boolean notAfter = h < flippedHigh || (h == flippedHigh && (iv.getLong(at + 8) ^ Long.MIN_VALUE) <= flippedLow);
            base = notAfter ? probe : base;
            n -= half;
        }
        return iv.getInt((long) base * INTERVAL_V6_SIZE + 16);
    }

    /** The parent (narrowest strictly containing block) of a block, or -1. */
    public int parentOf(int blockId) {
        ensureOpen();
        checkId(blockId);
        return blockId < count4
                ? blocks4.getInt((long) blockId * BLOCK_V4_SIZE + ATTRS_V4 + ATTR_PARENT)
                : blocks6.getInt((long) (blockId - count4) * BLOCK_V6_SIZE + ATTRS_V6 + ATTR_PARENT);
    }

    private void checkId(int blockId) {
        if (blockId < 0 || blockId >= count4 + count6) {
            throw new IllegalArgumentException("no block with id " + blockId + " (the database has " + (count4 + count6) + ")");
        }
    }

    /** Decodes block {@code blockId} with all its attributes. */
    public Netblock block(int blockId) {
        ensureOpen();
        checkId(blockId);
        MappedRegion r;
        long attrs;
        IpRange range;
        if (blockId < count4) {
            r = blocks4;
            long at = (long) blockId * BLOCK_V4_SIZE;
            range = new IpRange(IpAddress.ofV4(r.getInt(at)), IpAddress.ofV4(r.getInt(at + 4)));
            attrs = at + ATTRS_V4;
        } else {
            r = blocks6;
            long at = (long) (blockId - count4) * BLOCK_V6_SIZE;
            range = new IpRange(IpAddress.ofV6(r.getLong(at), r.getLong(at + 8)), IpAddress.ofV6(r.getLong(at + 16), r.getLong(at + 24)));
            attrs = at + ATTRS_V6;
        }
        long s = attrs + ATTR_STRINGS;
        long as = r.getLong(attrs + ATTR_AS_NUMBER);
        return new Netblock(range,
                string(r.getInt(s + 4L * STR_NAME)),
                string(r.getInt(s + 4L * STR_HANDLE)),
                string(r.getInt(s + 4L * STR_DESCRIPTION)),
                string(r.getInt(s + 4L * STR_STATUS)),
                string(r.getInt(s + 4L * STR_COUNTRY)),
                string(r.getInt(s + 4L * STR_OWNER_ID)),
                string(r.getInt(s + 4L * STR_OWNER_NAME)),
                string(r.getInt(s + 4L * STR_ABUSE_EMAIL)),
                string(r.getInt(s + 4L * STR_REGISTRY)),
                time(r.getLong(attrs + ATTR_LAST_MODIFIED)),
                as == NO_AS ? null : as,
                string(r.getInt(s + 4L * STR_AS_NAME)),
                string(r.getInt(s + 4L * STR_SOURCE)));
    }

    /** Byte offset of a block's attributes in its section. */
    private long attributesOf(int blockId) {
        return blockId < count4 ? (long) blockId * BLOCK_V4_SIZE + ATTRS_V4 : (long) (blockId - count4) * BLOCK_V6_SIZE + ATTRS_V6;
    }

    private MappedRegion regionOf(int blockId) {
        return blockId < count4 ? blocks4 : blocks6;
    }

    /** One text attribute of a block, or null (reads only that attribute). */
    public String attribute(int blockId, BlockAttribute attribute) {
        ensureOpen();
        checkId(blockId);
        return string(regionOf(blockId).getInt(attributesOf(blockId) + ATTR_STRINGS + 4L * attribute.index));
    }

    /** The origin AS number of a block, or -1 when it has none. */
    public long asNumber(int blockId) {
        ensureOpen();
        checkId(blockId);
        return regionOf(blockId).getLong(attributesOf(blockId) + ATTR_AS_NUMBER);
    }

    /** When the registry last changed the block, or null. */
    public Instant lastModified(int blockId) {
        ensureOpen();
        checkId(blockId);
        return time(regionOf(blockId).getLong(attributesOf(blockId) + ATTR_LAST_MODIFIED));
    }

    /** The range of a block. */
    public IpRange range(int blockId) {
        ensureOpen();
        checkId(blockId);
        if (blockId < count4) {
            long at = (long) blockId * BLOCK_V4_SIZE;
            return new IpRange(IpAddress.ofV4(blocks4.getInt(at)), IpAddress.ofV4(blocks4.getInt(at + 4)));
        }
        long at = (long) (blockId - count4) * BLOCK_V6_SIZE;
        return new IpRange(IpAddress.ofV6(blocks6.getLong(at), blocks6.getLong(at + 8)),
                IpAddress.ofV6(blocks6.getLong(at + 16), blocks6.getLong(at + 24)));
    }

    /** The narrowest block containing the address. */
    public Optional<Netblock> lookup(IpAddress address) {
        int id = findBlock(address);
        return id == NO_BLOCK ? Optional.empty() : Optional.of(block(id));
    }

    /** Every block containing the address, narrowest first; empty when none. */
    public List<Netblock> lookupChain(IpAddress address) {
        List<Netblock> chain = new ArrayList<>(4);
        for (int id = findBlock(address); id != NO_BLOCK; id = parentOf(id)) {
            chain.add(block(id));
        }
        return chain;
    }

    /** Netblock(s), reverse DNS and registrar for the address; {@code chain} asks for all containing blocks. */
    public LookupResult lookup(IpAddress address, boolean chain) {
        IpAddress a = address.unmapped();
        List<Netblock> blocks;
        if (chain) {
            blocks = lookupChain(a);
        } else {
            int id = findBlock(a);
            blocks = id == NO_BLOCK ? List.of() : List.of(block(id));
        }
        long at = findReverseDns(a);
        ReverseDnsEntry rdns = at < 0 ? null : reverseDnsAt(a, at);
        RegistrarEntry registrar = at < 0 ? null : registrarOfReverseDnsAt(a, at);
        return new LookupResult(a, blocks, rdns, registrar);
    }

    /** The PTR entry of exactly this address. */
    public Optional<ReverseDnsEntry> reverseDns(IpAddress address) {
        IpAddress a = address.unmapped();
        long at = findReverseDns(a);
        return at < 0 ? Optional.empty() : Optional.of(reverseDnsAt(a, at));
    }

    private ReverseDnsEntry reverseDnsAt(IpAddress a, long at) {
        MappedRegion r = a.isV4() ? rdns4 : rdns6;
        long attrs = at + (a.isV4() ? RDNS_ATTRS_V4 : RDNS_ATTRS_V6);
        return new ReverseDnsEntry(a, string(r.getInt(attrs + RDNS_NAME)),
                time(r.getLong(attrs + RDNS_FIRST_SEEN)), time(r.getLong(attrs + RDNS_LAST_SEEN)),
                string(r.getInt(attrs + RDNS_REGISTERED_DOMAIN)), string(r.getInt(attrs + RDNS_TLD)));
    }

    /** The registrar linked to the reverse DNS entry at {@code at}, or null. */
    private RegistrarEntry registrarOfReverseDnsAt(IpAddress a, long at) {
        MappedRegion r = a.isV4() ? rdns4 : rdns6;
        int idx = r.getInt(at + (a.isV4() ? RDNS_ATTRS_V4 : RDNS_ATTRS_V6) + RDNS_REGISTRAR);
        return idx < 0 || idx >= registrarCount ? null : registrarAt(idx);
    }

    /** Byte offset of the entry for the address in its reverse DNS section, or -1. */
    private long findReverseDns(IpAddress a) {
        ensureOpen();
        int lo = 0;
        if (a.isV4()) {
            int hi = rdnsCount4 - 1;
            int key = a.v4Value();
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Integer.compareUnsigned(rdns4.getInt((long) mid * RDNS_V4_SIZE), key);
                if (c == 0) {
                    return (long) mid * RDNS_V4_SIZE;
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        } else {
            int hi = rdnsCount6 - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long at = (long) mid * RDNS_V6_SIZE;
                int c = Long.compareUnsigned(rdns6.getLong(at), a.high());
                if (c == 0) {
                    c = Long.compareUnsigned(rdns6.getLong(at + 8), a.low());
                }
                if (c == 0) {
                    return at;
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        }
        return -1;
    }

    /** The registrar of a registered domain (case-insensitive). */
    public Optional<RegistrarEntry> registrar(String registeredDomain) {
        ensureOpen();
        byte[] key = registeredDomain.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = registrarCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareString(registrars.getInt((long) mid * REGISTRAR_SIZE), key);
            if (c == 0) {
                return Optional.of(registrarAt(mid));
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    private RegistrarEntry registrarAt(int idx) {
        long at = (long) idx * REGISTRAR_SIZE;
        long iana = registrars.getLong(at + 8);
        return new RegistrarEntry(string(registrars.getInt(at)), string(registrars.getInt(at + 4)), iana == NO_AS ? null : iana);
    }

    private static Instant time(long millis) {
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    /** Decodes the string with the given id (its offset in the pool); null for {@code NO_STRING}. */
    String string(int id) {
        if (id == NO_STRING) {
            return null;
        }
        // Owners, countries, statuses and AS names repeat across many blocks: a small direct-mapped
        // cache of decoded strings saves most decoding. Entries are immutable, so racing threads at
        // worst decode the same string twice.
        int slot = (id * 0x9E3779B9 >>> (32 - STRING_CACHE_BITS));
        CachedString cached = stringCache[slot];
        if (cached != null && cached.id == id) {
            return cached.value;
        }
        String value = decodeString(id);
        stringCache[slot] = new CachedString(id, value);
        return value;
    }

    private record CachedString(int id, String value) {}

    private String decodeString(int id) {
        long pos = checkedStringPos(id);
        int len = 0;
        int shift = 0;
        int b;
        do {
            b = strings.getByte(pos++);
            len |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 35);
        if (len < 0 || pos + len > strings.length()) {
            throw new IllegalStateException(file + ": string " + id + " runs past the string pool (corrupt file)");
        }
        byte[] bytes = new byte[len];
        strings.get(pos, bytes, len);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long checkedStringPos(int id) {
        if (id < 0 || id >= strings.length()) {
            throw new IllegalStateException(file + ": string id " + id + " lies outside the string pool (corrupt file)");
        }
        return id;
    }

    private int compareString(int id, byte[] key) {
        String s = string(id);
        return Arrays.compareUnsigned(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8), key);
    }

    /** Releases the mapping. Idempotent. See the class comment on concurrent lookups. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MappedRegion r : new MappedRegion[] {strings, blocks4, blocks6, intervals4, intervals6, index4, index6, rdns4, rdns6, registrars}) {
            r.unmap();
        }
    }

    /** Whether the file at {@code path} looks like a database (magic bytes only; no full validation). */
    public static boolean hasMagic(Path path) {
        try (var in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
