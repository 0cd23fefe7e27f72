package io.github.netblock.index.builder;

import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.format.MetadataCodec;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.model.SourceInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Collects netblocks, reverse DNS and registrar entries from any number of sources, in any order,
 * and writes a {@code .nbdb} file.
 *
 * <p>Precedence: sources are declared with {@link #addSource} strongest first. Blocks with the same
 * range are merged and partial overlaps are resolved by the rule in {@link ContainmentForest}: the
 * block from the earlier-declared source wins, then the more recently modified one, then the one
 * added first. Blocks with no source rank below every declared source.
 *
 * <p>Memory: about 100 bytes a block plus the distinct strings, so 5M IPv4 + 1M IPv6 blocks build
 * in a 2 GB heap. The file is written to a temporary file beside the target, forced to disk and
 * renamed over the target, so a reader never sees a half-written database.
 */
public final class NetblockDatabaseBuilder {
    /**
     * Default radix index shape, chosen by measurement (benchmarks/README.md). IPv4: one direct
     * table, one slot per about two intervals, at most 2^22 slots (16 MB at RIPE scale; 2^24 slots
     * took 64 MB and measured no faster), so a lookup reads one cache line of index before a short
     * interval search. IPv6: a 2^16 table, then 2^8 tables only where a slot holds more than 64
     * intervals.
     */
    public static final int MAX_V4_ROOT_BITS = 22;
    /** Times are kept as unsigned 32-bit seconds (which end in February 2106): whole years 1970 to 2105. */
    public static final Instant KEEPS_TIMES_UNTIL = Instant.parse("2106-01-01T00:00:00Z");
    public static final int[] DEFAULT_V6_STRIDES = {16, 8, 8, 8};
    public static final int DEFAULT_LEAF_SIZE = 64;

    private final StringPoolBuilder pool = new StringPoolBuilder();
    private final BlockTable v4 = new BlockTable(IpFamily.IPV4);
    private final BlockTable v6 = new BlockTable(IpFamily.IPV6);
    private final RangeViewTable origin4 = new RangeViewTable(IpFamily.IPV4, true, "origin-AS");
    private final RangeViewTable origin6 = new RangeViewTable(IpFamily.IPV6, true, "origin-AS");
    private final RangeViewTable country4 = new RangeViewTable(IpFamily.IPV4, false, "country");
    private final RangeViewTable country6 = new RangeViewTable(IpFamily.IPV6, false, "country");
    private final ReverseDnsTable rdns4 = new ReverseDnsTable(IpFamily.IPV4);
    private final ReverseDnsTable rdns6 = new ReverseDnsTable(IpFamily.IPV6);
    private final Map<String, RegistrarEntry> registrars = new HashMap<>();
    private final LinkedHashMap<String, SourceInfo> sources = new LinkedHashMap<>();
    private final Map<String, Integer> sourceRank = new HashMap<>();
    private final Map<String, long[]> sourceCounts = new HashMap<>();
    private String description = "";
    private Instant dataDate;
    private Clock clock = Clock.systemUTC();
    private int[] v4Strides; // null: sized from the interval count
    private int[] v6Strides = DEFAULT_V6_STRIDES;
    private int leafSize = DEFAULT_LEAF_SIZE;
    private boolean built;

    public NetblockDatabaseBuilder description(String text) {
        this.description = text;
        return this;
    }

    /** The date of the data (e.g. the newest feed's date), shown by inspect and used for staleness. */
    public NetblockDatabaseBuilder dataDate(Instant date) {
        this.dataDate = date;
        return this;
    }

    /** The clock that stamps the build time (tests fix it). */
    public NetblockDatabaseBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** Radix index shape (null IPv4 strides: sized from the data); any shape gives the same answers, only speed and size change. */
    public NetblockDatabaseBuilder indexShape(int[] v4Strides, int[] v6Strides, int leafSize) {
        if (leafSize < 1) {
            throw new IllegalArgumentException("leaf size must be positive: " + leafSize);
        }
        this.v4Strides = v4Strides == null ? null : v4Strides.clone();
        this.v6Strides = v6Strides.clone();
        this.leafSize = leafSize;
        return this;
    }

    /** Declares a source; declare the strongest first. */
    public NetblockDatabaseBuilder addSource(SourceInfo source) {
        return addSource(source, false);
    }

    /**
     * Declares a source; declare the strongest first. A {@code complete} source's absent values
     * mean "none" rather than "unknown": when one of its blocks wins a duplicate merge, it takes no
     * attributes from the weaker duplicates (IANA's special-purpose registry: a documentation prefix
     * has no country, whatever a geolocation feed says).
     */
    public NetblockDatabaseBuilder addSource(SourceInfo source, boolean complete) {
        if (sources.putIfAbsent(source.name(), source) != null) {
            throw new IllegalArgumentException("source declared twice: " + source.name());
        }
        if (complete) {
            v4.markComplete(sourceRank.size());
            v6.markComplete(sourceRank.size());
        }
        sourceRank.put(source.name(), sourceRank.size());
        sourceCounts.put(source.name(), new long[1]);
        return this;
    }

    /**
     * Adds a block.
     *
     * @throws IllegalArgumentException when its source was not declared, or its last-modified time is
     *                                  before 1970 or after 2105 (a file keeps unsigned 32-bit seconds)
     */
    public void add(Netblock block) {
        checkOpen();
        Instant modified = block.lastModified();
        if (modified != null && (modified.isBefore(Instant.EPOCH) || !modified.isBefore(KEEPS_TIMES_UNTIL))) {
            throw new IllegalArgumentException("block " + block.range() + " was last modified at " + modified
                    + ", outside what a database keeps (1970 to 2105)");
        }
        int rank;
        if (block.source() == null) {
            rank = Integer.MAX_VALUE;
        } else {
            Integer r = sourceRank.get(block.source());
            if (r == null) {
                throw new IllegalArgumentException("block " + block.range() + " names undeclared source [" + block.source() + "]");
            }
            rank = r;
            sourceCounts.get(block.source())[0]++;
        }
        (block.range().first().isV4() ? v4 : v6).add(block, rank, pool);
    }

    public void addReverseDns(ReverseDnsEntry entry) {
        checkOpen();
        (entry.ip().isV4() ? rdns4 : rdns6).add(entry, pool);
    }

    /**
     * The origin AS of a routed range: the routing view of the address space, kept apart from the
     * blocks (a routed prefix often cuts across registry objects, and an AS must not shadow the
     * narrowest WHOIS block). Ranges of one family must not overlap; neighbours of one AS are joined.
     *
     * @param organization the AS's organisation name, or null
     */
    public void addOriginAs(IpRange range, long asNumber, String organization) {
        checkOpen();
        if (asNumber < 0) {
            throw new IllegalArgumentException("AS number " + asNumber + " of " + range + " is negative");
        }
        (range.family() == IpFamily.IPV4 ? origin4 : origin6).add(range, asNumber, pool.intern(organization));
    }

    /**
     * The country of a range from a location data set (ISO 3166 alpha-2): the location view of the
     * address space, kept apart from the blocks, whose country is the one the registry names. Ranges of
     * one family must not overlap; neighbours of one country are joined.
     */
    public void addCountry(IpRange range, String countryCode) {
        checkOpen();
        if (countryCode == null || countryCode.isBlank()) {
            throw new IllegalArgumentException("country of " + range + " is empty");
        }
        (range.family() == IpFamily.IPV4 ? country4 : country6).add(range, 0, pool.intern(countryCode));
    }

    /** Adds a registrar; when a domain is given twice the first entry is kept. */
    public void addRegistrar(RegistrarEntry entry) {
        checkOpen();
        registrars.putIfAbsent(entry.domain(), entry);
    }

    public long blockCount() {
        return (long) v4.size() + v6.size();
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("the database was already built");
        }
    }

    /** Builds and atomically writes the database to {@code target}; the builder cannot be reused. */
    public BuildReport build(Path target) throws IOException {
        checkOpen();
        built = true;
        long started = System.nanoTime();
        Instant buildTime = clock.instant();

        ContainmentForest f4 = ContainmentForest.build(v4);
        ContainmentForest f6 = ContainmentForest.build(v6);
        int n4 = f4.order.length;
        int[] strides4 = v4Strides != null ? v4Strides : new int[] {v4RootBits(f4.intervalCount())};
        IntList index4 = RadixIndexBuilder.forV4(f4.intervalLo, strides4, leafSize);
        IntList index6 = RadixIndexBuilder.forV6(f6.intervalHi, f6.intervalLo, v6Strides, leafSize);

        // Registrars sorted by the UTF-8 bytes of their domain, so the reader can binary-search bytes.
        List<RegistrarEntry> regs = new ArrayList<>(registrars.values());
        regs.sort((a, b) -> Arrays.compareUnsigned(a.domain().getBytes(StandardCharsets.UTF_8), b.domain().getBytes(StandardCharsets.UTF_8)));
        int[] regDomain = new int[regs.size()];
        int[] regName = new int[regs.size()];
        Map<Integer, Integer> registrarByDomainId = new HashMap<>();
        for (int i = 0; i < regs.size(); i++) {
            regDomain[i] = pool.intern(regs.get(i).domain());
            regName[i] = pool.intern(regs.get(i).name());
            registrarByDomainId.put(regDomain[i], i);
        }
        AttributeSets sets = new AttributeSets(v4, f4, v6, f6);
        int[] handles4 = blocksWithHandles(v4, f4);
        int[] handles6 = blocksWithHandles(v6, f6);
        // whichever is smaller: 4 bytes in every record, or 8 bytes for each block that has a handle
        boolean handlesInRecord = 2L * (handles4.length + handles6.length) > (long) n4 + f6.order.length;
        StringPoolBuilder.CompressedStrings strings = pool.compress();
        pool.release();
        IntUnaryOperator ids = strings::id;
        RangeViewTable.Rows o4 = origin4.rows();
        RangeViewTable.Rows o6 = origin6.rows();
        RangeViewTable.Rows c4 = country4.rows();
        RangeViewTable.Rows c6 = country6.rows();
        int[] r4 = rdns4.sortedUnique();
        int[] r6 = rdns6.sortedUnique();

        long inputBlocks = blockCount();
        List<SourceInfo> sourceList = new ArrayList<>();
        for (SourceInfo s : sources.values()) {
            sourceList.add(s.withBlockCount(sourceCounts.get(s.name())[0]));
        }
        DatabaseMetadata.Counts counts = new DatabaseMetadata.Counts(n4, f6.order.length, f4.intervalCount(),
                f6.intervalCount(), r4.length + r6.length, regs.size(), inputBlocks,
                f4.mergedDuplicates + f6.mergedDuplicates, f4.droppedOverlaps + f6.droppedOverlaps);
        DatabaseMetadata metadata = new DatabaseMetadata(NbdbFormat.MAJOR_VERSION, NbdbFormat.MINOR_VERSION,
                buildTime, dataDate, description, sourceList, counts, 0, 0);

        List<Section> sections = List.of(
                new Section(NbdbFormat.SECTION_STRINGS, strings.sizeInBytes(),
                        out -> strings.forEachPage((page, len) -> out.put(page, 0, len))),
                new Section(NbdbFormat.SECTION_BLOCKS_V4, (long) n4 * NbdbFormat.blockSize(false, handlesInRecord),
                        out -> writeBlocks(out, v4, f4, 0, sets, ids, handlesInRecord)),
                new Section(NbdbFormat.SECTION_BLOCKS_V6, (long) f6.order.length * NbdbFormat.blockSize(true, handlesInRecord),
                        out -> writeBlocks(out, v6, f6, n4, sets, ids, handlesInRecord)),
                new Section(NbdbFormat.SECTION_INTERVALS_V4, (long) f4.intervalCount() * NbdbFormat.INTERVAL_V4_SIZE,
                        out -> writeIntervals(out, f4, 0)),
                new Section(NbdbFormat.SECTION_INTERVALS_V6, (long) f6.intervalCount() * NbdbFormat.INTERVAL_V6_SIZE,
                        out -> writeIntervals(out, f6, n4)),
                new Section(NbdbFormat.SECTION_INDEX_V4, index4.size() * 4L, out -> writeInts(out, index4)),
                new Section(NbdbFormat.SECTION_INDEX_V6, index6.size() * 4L, out -> writeInts(out, index6)),
                new Section(NbdbFormat.SECTION_RDNS_V4, (long) r4.length * NbdbFormat.RDNS_V4_SIZE,
                        out -> writeReverseDns(out, rdns4, r4, registrarByDomainId, ids)),
                new Section(NbdbFormat.SECTION_RDNS_V6, (long) r6.length * NbdbFormat.RDNS_V6_SIZE,
                        out -> writeReverseDns(out, rdns6, r6, registrarByDomainId, ids)),
                new Section(NbdbFormat.SECTION_REGISTRARS, (long) regs.size() * NbdbFormat.REGISTRAR_SIZE, out -> {
                    for (int i = 0; i < regDomain.length; i++) {
                        out.putInt(ids.applyAsInt(regDomain[i]));
                        out.putInt(ids.applyAsInt(regName[i]));
                        Long iana = regs.get(i).ianaId();
                        out.putLong(iana == null ? NbdbFormat.NO_AS : iana);
                    }
                }),
                new Section(NbdbFormat.SECTION_ORIGIN_AS_V4, origin4.bytes(o4), out -> origin4.write(out, o4, ids)),
                new Section(NbdbFormat.SECTION_ORIGIN_AS_V6, origin6.bytes(o6), out -> origin6.write(out, o6, ids)),
                new Section(NbdbFormat.SECTION_COUNTRY_V4, country4.bytes(c4), out -> country4.write(out, c4, ids)),
                new Section(NbdbFormat.SECTION_COUNTRY_V6, country6.bytes(c6), out -> country6.write(out, c6, ids)),
                new Section(NbdbFormat.SECTION_ATTRIBUTE_SETS, sets.bytes(), out -> sets.write(out, ids)),
                new Section(NbdbFormat.SECTION_SET_COMMONS, sets.commonBytes(), out -> sets.writeCommons(out, ids)),
                new Section(NbdbFormat.SECTION_HANDLES, NbdbFormat.HANDLES_HEADER
                        + (handlesInRecord ? 0 : (long) (handles4.length + handles6.length) * NbdbFormat.HANDLE_ENTRY_SIZE),
                        out -> {
                            out.putInt(handlesInRecord ? NbdbFormat.HANDLES_IN_RECORD : NbdbFormat.HANDLES_APART);
                            out.putInt(0);
                            if (!handlesInRecord) {
                                writeHandles(out, v4, f4, handles4, 0, ids);
                                writeHandles(out, v6, f6, handles6, n4, ids);
                            }
                        }));

        DatabaseMetadata written = write(target, metadata, sections);
        return new BuildReport(target, written, Duration.ofNanos(System.nanoTime() - started));
    }

    /** log2 of the interval count, plus one, within 8 .. 24 bits. */
    static int v4RootBits(int intervals) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(intervals, 1)) + 1;
        return Math.max(8, Math.min(MAX_V4_ROOT_BITS, bits));
    }

    /** The written ids (within the family) of the blocks that have a handle, ascending. */
    private static int[] blocksWithHandles(BlockTable t, ContainmentForest f) {
        IntList ids = new IntList();
        for (int id = 0; id < f.order.length; id++) {
            if (t.string(f.order[id], NbdbFormat.STR_HANDLE) != NbdbFormat.NO_STRING) {
                ids.add(id);
            }
        }
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    private static void writeHandles(ChecksummedOutput out, BlockTable t, ContainmentForest f, int[] blocks, int idBase,
                                     IntUnaryOperator strings) throws IOException {
        for (int id : blocks) {
            out.putInt(id + idBase);
            out.putInt(strings.applyAsInt(t.string(f.order[id], NbdbFormat.STR_HANDLE)));
        }
    }

    private static void writeBlocks(ChecksummedOutput out, BlockTable t, ContainmentForest f, int idBase, AttributeSets sets,
                                    IntUnaryOperator strings, boolean handlesInRecord) throws IOException {
        for (int id = 0; id < f.order.length; id++) {
            int b = f.order[id];
            if (t.v6) {
                out.putLong(t.firstHi(b));
                out.putLong(t.firstLo(b));
                out.putLong(t.lastHi(b));
                out.putLong(t.lastLo(b));
            } else {
                out.putInt((int) t.firstLo(b));
                out.putInt((int) t.lastLo(b));
            }
            int parent = f.parent[id];
            out.putInt(parent == NbdbFormat.NO_BLOCK ? NbdbFormat.NO_BLOCK : parent + idBase);
            out.putInt(strings.applyAsInt(t.string(b, NbdbFormat.STR_NAME)));
            if (handlesInRecord) {
                out.putInt(strings.applyAsInt(t.string(b, NbdbFormat.STR_HANDLE)));
            }
            out.putInt(sets.of(t.v6, id));
            long millis = t.lastModified(b);
            out.putInt(millis == NbdbFormat.NO_TIME ? NbdbFormat.NO_SECONDS : (int) Math.floorDiv(millis, 1000L));
        }
    }

    private static void writeIntervals(ChecksummedOutput out, ContainmentForest f, int idBase) throws IOException {
        for (int i = 0; i < f.intervalCount(); i++) {
            int block = f.intervalBlock.get(i);
            int global = block == NbdbFormat.NO_BLOCK ? NbdbFormat.NO_BLOCK : block + idBase;
            if (f.intervalHi != null) {
                out.putLong(f.intervalHi.get(i));
                out.putLong(f.intervalLo.get(i));
                out.putInt(global);
            } else {
                out.putInt((int) f.intervalLo.get(i));
                out.putInt(global);
            }
        }
    }

    private static void writeInts(ChecksummedOutput out, IntList values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            out.putInt(values.get(i));
        }
    }

    private static void writeReverseDns(ChecksummedOutput out, ReverseDnsTable t, int[] order,
                                        Map<Integer, Integer> registrarByDomainId, IntUnaryOperator strings) throws IOException {
        for (int i : order) {
            if (t.v6) {
                out.putLong(t.hi(i));
                out.putLong(t.lo(i));
            } else {
                out.putInt((int) t.lo(i));
            }
            out.putInt(strings.applyAsInt(t.name(i)));
            out.putInt(strings.applyAsInt(t.registeredDomain(i)));
            out.putInt(strings.applyAsInt(t.topLevelDomain(i)));
            out.putInt(registrarByDomainId.getOrDefault(t.registeredDomain(i), NbdbFormat.NO_BLOCK));
            out.putLong(t.firstSeen(i));
            out.putLong(t.lastSeen(i));
        }
    }

    @FunctionalInterface
    private interface SectionBody {
        void write(ChecksummedOutput out) throws IOException;
    }

    private record Section(int id, long length, SectionBody body) {}

    private static DatabaseMetadata write(Path target, DatabaseMetadata metadata, List<Section> sections) throws IOException {
        byte[] meta = MetadataCodec.encode(metadata);
        long headerLength = NbdbFormat.align8(NbdbFormat.OFFSET_METADATA + 4L + meta.length + 4L
                + (long) sections.size() * NbdbFormat.SECTION_ENTRY_SIZE);
        long[] offsets = new long[sections.size()];
        long end = headerLength;
        for (int i = 0; i < sections.size(); i++) {
            offsets[i] = NbdbFormat.align8(end);
            end = offsets[i] + sections.get(i).length();
        }
        long fileLength = end;

        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        int crc = AtomicFile.write(target, ch -> {
            ByteBuffer fixed = ByteBuffer.allocate(NbdbFormat.CHECKSUM_FROM).order(NbdbFormat.ORDER);
            fixed.put(NbdbFormat.MAGIC);
            fixed.putShort((short) NbdbFormat.MAJOR_VERSION);
            fixed.putShort((short) NbdbFormat.MINOR_VERSION);
            fixed.putInt((int) headerLength);
            fixed.putLong(fileLength);
            fixed.putInt(0); // checksum, patched below
            fixed.putInt(0);
            fixed.flip();
            ch.write(fixed, 0);

            ChecksummedOutput out = new ChecksummedOutput(ch, NbdbFormat.CHECKSUM_FROM);
            out.putInt(meta.length);
            out.put(meta, 0, meta.length);
            out.putInt(sections.size());
            for (int i = 0; i < sections.size(); i++) {
                out.putInt(sections.get(i).id());
                out.putInt(0);
                out.putLong(offsets[i]);
                out.putLong(sections.get(i).length());
            }
            for (int i = 0; i < sections.size(); i++) {
                out.padTo(offsets[i]);
                sections.get(i).body().write(out);
                if (out.position() != offsets[i] + sections.get(i).length()) {
                    throw new IllegalStateException("section " + sections.get(i).id() + " wrote "
                            + (out.position() - offsets[i]) + " bytes, expected " + sections.get(i).length());
                }
            }
            out.flush();
            int sum = out.checksum();
            ch.write(ByteBuffer.allocate(4).order(NbdbFormat.ORDER).putInt(0, sum), NbdbFormat.OFFSET_CHECKSUM);
            return sum;
        });
        return metadata.withFile(fileLength, crc);
    }

}
