package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.*;

import io.github.netblock.index.format.DatabaseHeader;
import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.OriginAs;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A memory-mapped {@code .nbdb} database. The sections are read in place: the heap holds only this
 * object, the metadata, a handful of buffers and a bounded cache of 16384 decoded strings, whatever
 * the size of the file.
 *
 * <p>The public face of the reader: {@link DatabaseHeader} validates the file, and the sections are
 * read by one class each ({@link StringPool}, {@link BlockRecords}, {@link RadixIndex} and
 * {@link IntervalTable} per family, {@link ReverseDnsTable}, {@link RegistrarTable}).
 *
 * <p>Errors: {@link #open} throws {@link InvalidDatabaseException} for a file that is not a usable
 * database (and {@link IOException} when reading fails); a lookup that meets data pointing outside
 * its section (possible only without checksum verification) throws {@link InvalidDatabaseException}
 * too; any call after {@link #close()} throws {@link ClosedDatabaseException}; a block id that the
 * caller made up throws {@link IllegalArgumentException}.
 *
 * <p>Thread-safe: any number of threads may look up at once. {@link #close()} releases the mapping
 * at once, so it must only be called when no other thread is still looking up (the plugin keeps a
 * reference count per database for that); later calls throw {@link ClosedDatabaseException}.
 */
public final class NetblockDatabase implements Closeable {
    private final Path file;
    private final DatabaseMetadata metadata;
    private final MappedRegion[] regions;
    private final BlockRecords blocks;
    private final IntervalTable intervals;
    private final RadixIndex index4;
    private final RadixIndex index6;
    private final int intervalCount4;
    private final int intervalCount6;
    private final ReverseDnsTable reverseDns;
    private final RegistrarTable registrars;
    private final RangeViewTable originAs;
    private final RangeViewTable countries;
    private volatile boolean closed;

    private NetblockDatabase(Path file, DatabaseMetadata metadata, Map<Integer, MappedRegion> s) {
        this.file = file;
        this.metadata = metadata;
        this.regions = s.values().toArray(new MappedRegion[0]);
        DatabaseMetadata.Counts c = metadata.counts();
        int count4 = count(c.v4Blocks(), "IPv4 blocks");
        int count6 = count(c.v6Blocks(), "IPv6 blocks");
        this.intervalCount4 = count(c.v4Intervals(), "IPv4 intervals");
        this.intervalCount6 = count(c.v6Intervals(), "IPv6 intervals");
        int major = metadata.formatMajor();
        expectLength(s.get(SECTION_INTERVALS_V4), (long) intervalCount4 * INTERVAL_V4_SIZE, "IPv4 intervals");
        expectLength(s.get(SECTION_INTERVALS_V6), (long) intervalCount6 * intervalV6Size(major), "IPv6 intervals");
        if (intervalCount4 < 1 || intervalCount6 < 1) {
            throw new InvalidDatabaseException(file, "interval tables must cover the whole address space");
        }
        StringPool strings = new StringPool(file, s.get(SECTION_STRINGS), major >= 3);
        this.blocks = new BlockRecords(file, major, s.get(SECTION_BLOCKS_V4), s.get(SECTION_BLOCKS_V6), s.get(SECTION_ATTRIBUTE_SETS),
                s.get(SECTION_SET_COMMONS), s.get(SECTION_HANDLES), count4, count6, strings);
        expectLength(s.get(SECTION_BLOCKS_V4), (long) count4 * blocks.recordSize(false), "IPv4 blocks");
        expectLength(s.get(SECTION_BLOCKS_V6), (long) count6 * blocks.recordSize(true), "IPv6 blocks");
        this.intervals = new IntervalTable(s.get(SECTION_INTERVALS_V4), s.get(SECTION_INTERVALS_V6), intervalV6Size(major));
        this.reverseDns = new ReverseDnsTable(s.get(SECTION_RDNS_V4), s.get(SECTION_RDNS_V6), strings);
        this.registrars = new RegistrarTable(s.get(SECTION_REGISTRARS), strings);
        this.originAs = new RangeViewTable(file, s.get(SECTION_ORIGIN_AS_V4), s.get(SECTION_ORIGIN_AS_V6), true, "origin-AS", strings);
        this.countries = new RangeViewTable(file, s.get(SECTION_COUNTRY_V4), s.get(SECTION_COUNTRY_V6), false, "country", strings);
        if (!reverseDns.matches(c.reverseDns()) || !registrars.matches(c.registrars())) {
            throw new InvalidDatabaseException(file, "reverse DNS or registrar sections do not match the header counts");
        }
        this.index4 = new RadixIndex(file, s.get(SECTION_INDEX_V4), 32, "IPv4");
        this.index6 = new RadixIndex(file, s.get(SECTION_INDEX_V6), 64, "IPv6");
    }

    private int count(long v, String what) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidDatabaseException(file, what + " count " + v + " is out of range");
        }
        return (int) v;
    }

    private void expectLength(MappedRegion r, long expected, String what) {
        if (r.length() != expected) {
            throw new InvalidDatabaseException(file, what + " section has " + r.length() + " bytes, the header counts say " + expected);
        }
    }

    /** Opens, verifying the checksum. */
    public static NetblockDatabase open(Path file) throws IOException {
        return open(file, OpenOptions.DEFAULT);
    }

    /**
     * Opens and validates the file and maps its sections.
     *
     * @throws InvalidDatabaseException when the file is not a usable database (names the file and what is wrong)
     * @throws IOException when it cannot be read
     */
    public static NetblockDatabase open(Path file, OpenOptions options) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            DatabaseHeader header = DatabaseHeader.read(ch, file, options.verifyChecksum());
            Map<Integer, MappedRegion> regions = new HashMap<>();
            try {
                for (int id = SECTION_STRINGS; id <= SECTION_REGISTRARS; id++) {
                    DatabaseHeader.Section at = header.require(id, file);
                    regions.put(id, MappedRegion.map(ch, at.offset(), at.length(), options.mapChunkBits()));
                }
                List<Integer> since = new ArrayList<>();
                if (header.major() >= 2) {
                    since.add(SECTION_ATTRIBUTE_SETS);
                }
                if (header.major() >= 3) {
                    since.add(SECTION_SET_COMMONS);
                    since.add(SECTION_HANDLES);
                }
                for (int id : since) {
                    DatabaseHeader.Section at = header.require(id, file);
                    regions.put(id, MappedRegion.map(ch, at.offset(), at.length(), options.mapChunkBits()));
                }
                // optional: the views of 1.1 (origin AS) and 1.2 (country)
                for (int id : new int[] {SECTION_ORIGIN_AS_V4, SECTION_ORIGIN_AS_V6, SECTION_COUNTRY_V4, SECTION_COUNTRY_V6}) {
                    DatabaseHeader.Section at = header.sections().get(id);
                    if (at != null) {
                        regions.put(id, MappedRegion.map(ch, at.offset(), at.length(), options.mapChunkBits()));
                    }
                }
                return new NetblockDatabase(file, header.metadata(), regions);
            } catch (IOException | RuntimeException e) {
                regions.values().forEach(MappedRegion::unmap); // nothing may stay mapped of a refused file
                throw e;
            }
        }
    }

    public Path file() {
        return file;
    }

    public DatabaseMetadata metadata() {
        return metadata;
    }

    /** Number of blocks; ids are 0 .. blockCount()-1, IPv4 blocks first. */
    public int blockCount() {
        return blocks.count();
    }

    /** Whether {@link #close()} releases the mapping at once (else the garbage collector does). */
    public static boolean canReleaseMappingOnClose() {
        return Unmapper.isSupported();
    }

    /**
     * A reader error met on data that points where it must not (only possible without checksum
     * verification): reported as the corrupt file it is, not as a bug of the caller.
     */
    private InvalidDatabaseException corrupt(RuntimeException e) {
        if (e instanceof InvalidDatabaseException invalid) {
            return invalid;
        }
        return new InvalidDatabaseException(file, "corrupt file: " + e, e);
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
        try {
            long range = index4.find((address & 0xFFFF_FFFFL) << 32);
            int lo = RadixIndex.lo(range);
            int hi = RadixIndex.hi(range);
            checkIntervals(lo, hi, intervalCount4);
            return blocks.checkStored(intervals.blockV4(address, lo, hi), "an IPv4 interval");
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Id of the narrowest IPv6 block containing (high, low), or -1. */
    public int findBlockV6(long high, long low) {
        ensureOpen();
        try {
            long range = index6.find(high);
            int lo = RadixIndex.lo(range);
            int hi = RadixIndex.hi(range);
            checkIntervals(lo, hi, intervalCount6);
            return blocks.checkStored(intervals.blockV6(high, low, lo, hi), "an IPv6 interval");
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    private void checkIntervals(int lo, int hi, int count) {
        if (lo < 0 || hi < lo || hi >= count) {
            throw new InvalidDatabaseException(file, "the radix index points at intervals [" + lo + ", " + hi + "] of " + count
                    + " (corrupt file)");
        }
    }

    /** The parent (narrowest strictly containing block) of a block, or -1. */
    public int parentOf(int blockId) {
        ensureOpen();
        blocks.checkId(blockId);
        try {
            return blocks.parentOf(blockId);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Decodes block {@code blockId} with all its attributes. */
    public Netblock block(int blockId) {
        ensureOpen();
        blocks.checkId(blockId);
        try {
            return blocks.block(blockId);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** One text attribute of a block, or null (reads only that attribute). */
    public String attribute(int blockId, BlockAttribute attribute) {
        ensureOpen();
        blocks.checkId(blockId);
        try {
            return blocks.attribute(blockId, attribute);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** The origin AS number of a block, or -1 when it has none. */
    public long asNumber(int blockId) {
        ensureOpen();
        blocks.checkId(blockId);
        try {
            return blocks.asNumber(blockId);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** When the registry last changed the block, or null. */
    public Instant lastModified(int blockId) {
        ensureOpen();
        blocks.checkId(blockId);
        try {
            return blocks.lastModified(blockId);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** The range of a block. */
    public IpRange range(int blockId) {
        ensureOpen();
        blocks.checkId(blockId);
        try {
            return blocks.range(blockId);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
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
        List<Netblock> found;
        if (chain) {
            found = lookupChain(a);
        } else {
            int id = findBlock(a);
            found = id == NO_BLOCK ? List.of() : List.of(block(id));
        }
        ReverseDnsHit hit = reverseDnsHit(a, true);
        return new LookupResult(a, found, hit == null ? null : hit.entry(), hit == null ? null : hit.registrar());
    }

    /**
     * The PTR entry of exactly this address and, when asked, the registrar of its registered domain,
     * read through the entry's link to its registrar row (one search, not two).
     *
     * @param entry     the reverse DNS entry
     * @param registrar the registrar of its registered domain, or null (none, or not asked for)
     */
    public record ReverseDnsHit(ReverseDnsEntry entry, RegistrarEntry registrar) {}

    /** The reverse DNS entry of the address with its registrar when {@code withRegistrar}; null when it has none. */
    public ReverseDnsHit reverseDnsHit(IpAddress address, boolean withRegistrar) {
        ensureOpen();
        try {
            IpAddress a = address.unmapped();
            long at = reverseDns.find(a);
            if (at < 0) {
                return null;
            }
            return new ReverseDnsHit(reverseDns.entryAt(a, at), withRegistrar ? registrars.at(reverseDns.registrarRowAt(a, at)) : null);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** The PTR entry of exactly this address. */
    public Optional<ReverseDnsEntry> reverseDns(IpAddress address) {
        ReverseDnsHit hit = reverseDnsHit(address, false);
        return hit == null ? Optional.empty() : Optional.of(hit.entry());
    }

    /**
     * The AS that originates the routed range of the address, from the database's routing data
     * (kept apart from the blocks); empty where the address is not routed or the database has no
     * routing data (see {@link #hasRoutingData()}).
     */
    public Optional<OriginAs> originAs(IpAddress address) {
        ensureOpen();
        try {
            return Optional.ofNullable(originAs.numbered(address.unmapped()));
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Whether the database has routing data (origin AS by address, format 1.1), even if empty for some addresses. */
    public boolean hasRoutingData() {
        return !originAs.isEmpty();
    }

    /**
     * The country the address is in (ISO 3166 alpha-2), from the database's location data (kept
     * apart from the blocks, whose country is the registry's); empty where that data has none or the
     * database has no location data (see {@link #hasCountryData()}).
     */
    public Optional<String> country(IpAddress address) {
        ensureOpen();
        try {
            return Optional.ofNullable(countries.name(address.unmapped()));
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Whether the database has location data (country by address, format 1.2). */
    public boolean hasCountryData() {
        return !countries.isEmpty();
    }

    /** Rows of the routing view (origin AS by address), gaps included; 0 without routing data. */
    public int originAsRows() {
        return originAs.rows();
    }

    /** Rows of the location view (country by address), gaps included; 0 without location data. */
    public int countryRows() {
        return countries.rows();
    }

    /** The registrar of a registered domain (case-insensitive). */
    public Optional<RegistrarEntry> registrar(String registeredDomain) {
        ensureOpen();
        try {
            return Optional.ofNullable(registrars.at(registrars.find(registeredDomain)));
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Releases the mapping. Idempotent. See the class comment on concurrent lookups. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MappedRegion r : regions) {
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
