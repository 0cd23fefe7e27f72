package io.github.netblock.benchmarks.synthetic;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A deterministic RIPE-scale block set with the nesting of real RIR data: IPv4 allocations (/8 to
 * /22) carved out of the registry's /8s, some with sub-allocations, filled with assignments (/24 to
 * /32); IPv6 allocations (/19 to /32) in 2001:600::/23, 2a00::/12 and 2a10::/12 filled with assignments
 * (/40 to /64). Blocks are streamed to a consumer so that the generator holds no list.
 *
 * <p>Sizes follow the shape of the RIPE dump: most objects are small assignments; netnames are
 * unique, owners are shared by an allocation's assignments, a few thousand countries/AS names repeat.
 */
public final class SyntheticRipeGenerator {
    /** The /8s the synthetic registry holds (RIPE holds about this many). */
    static final int[] SLASH8S = {2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92,
        93, 94, 95, 109, 141, 145, 151, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217};
    /** Ranges of real RIR data are unevenly dense; /8s the generator fills only when the above are full. */
    static final int[] SPARE_SLASH8S = {100, 101, 102, 103, 104, 105, 106, 107, 108, 110, 111, 112, 113, 114, 115, 116,
        117, 118, 119, 120, 121, 122, 123, 124, 125, 126};
    private static final String[] COUNTRIES = {"DE", "GB", "FR", "NL", "RU", "IT", "ES", "SE", "PL", "UA", "TR", "IR",
        "SA", "AE", "CH", "AT", "BE", "DK", "NO", "FI", "CZ", "RO", "BG", "GR", "PT", "IE", "HU", "IL", "KZ", "EU"};
    private static final String[] STATUS_ASSIGNED = {"ASSIGNED PA", "ASSIGNED PA", "ASSIGNED PA", "ASSIGNED PI", "LEGACY"};

    /**
     * With {@code -Dnetblock.bench.remarks=N}, every block's description carries N more characters of its own (as
     * real objects' remarks do), to make a larger file of the same blocks (the cluster-publish benchmark's 1 GB).
     */
    private final String remarks = Integer.getInteger("netblock.bench.remarks", 0) > 0
            ? "remarks ".repeat(Integer.getInteger("netblock.bench.remarks") / 8 + 1).substring(0, Integer.getInteger("netblock.bench.remarks")) : null;
    private final Random random;
    private final long v4Target;
    private final long v6Target;
    private long v4Count;
    private long v6Count;

    public SyntheticRipeGenerator(long seed, long v4Blocks, long v6Blocks) {
        this.random = new Random(seed);
        this.v4Target = v4Blocks;
        this.v6Target = v6Blocks;
    }

    /** The default benchmark size: 5M IPv4 and 1M IPv6 blocks. */
    public static SyntheticRipeGenerator ripeScale() {
        return new SyntheticRipeGenerator(20261126L, 5_000_000, 1_000_000);
    }

    public long v4Count() {
        return v4Count;
    }

    public long v6Count() {
        return v6Count;
    }

    /** Prefixes (as ranges) where the IPv6 blocks live, for sampling realistic IPv6 lookups. */
    public static List<IpRange> ipv6Regions() {
        return List.of(IpRange.parse("2001:600::/23"), IpRange.parse("2a00::/12"), IpRange.parse("2a10::/12"));
    }

    public void generate(Consumer<Netblock> sink) {
        generateV4(sink);
        generateV6(sink);
    }

    private void generateV4(Consumer<Netblock> sink) {
        int allocationId = 0;
        int[] slash8s = java.util.stream.IntStream.concat(java.util.Arrays.stream(SLASH8S), java.util.Arrays.stream(SPARE_SLASH8S)).toArray();
        for (int s = 0; s < slash8s.length && v4Count < v4Target; s++) {
            long base = (long) slash8s[s] << 24;
            long end = base + (1L << 24);
            // the remaining blocks are shared by the remaining /8s (spares get whatever is left)
            long stop = s >= SLASH8S.length - 1 ? v4Target : v4Count + (v4Target - v4Count) / (SLASH8S.length - s);
            emitV4(sink, base, 8, "IANA-BLK-" + slash8s[s], "ALLOCATED UNSPECIFIED", "EU", "ORG-RIPE-NCC", "RIPE NCC", null);
            long cursor = base;
            while (v4Count < stop) {
                int len = 13 + random.nextInt(10); // /13 .. /22
                long size = 1L << (32 - len);
                cursor = align(cursor + (random.nextInt(8) == 0 ? size : 0), size);
                if (cursor + size > end) {
                    break;
                }
                allocationId++;
                String org = "ORG-A" + allocationId + "-RIPE";
                String owner = "Example Provider " + allocationId;
                String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                long as = 64_512 + (allocationId % 900_000);
                emitV4(sink, cursor, len, "ALLOC-" + allocationId, "ALLOCATED PA", country, org, owner, as);
                fillV4(sink, cursor, len, stop, org, owner, country, as, allocationId);
                cursor += size;
            }
        }
    }

    /**
     * Assignments (/24../32) and now and then a sub-allocation (/16../24) with assignments of its
     * own, each followed by a random gap of up to twice its size, until the allocation is full.
     */
    private void fillV4(Consumer<Netblock> sink, long base, int len, long stop, String org, String owner,
                        String country, long as, int allocationId) {
        long end = base + (1L << (32 - len));
        long cursor = base;
        int sub = 0;
        while (v4Count < stop && cursor < end) {
            if (len <= 20 && random.nextInt(200) == 0) {
                int subLen = Math.max(len + 1, 16 + random.nextInt(9));
                long size = 1L << (32 - subLen);
                cursor = align(cursor, size);
                if (cursor + size > end) {
                    break;
                }
                sub++;
                emitV4(sink, cursor, subLen, "SUBALLOC-" + allocationId + "-" + sub, "SUB-ALLOCATED PA", country, org, owner, as);
                long inner = cursor;
                long innerEnd = cursor + size;
                while (inner < innerEnd && v4Count < stop) {
                    int aLen = Math.max(subLen + 1, 24 + random.nextInt(9));
                    long aSize = 1L << (32 - aLen);
                    inner = align(inner, aSize);
                    if (inner + aSize > innerEnd) {
                        break;
                    }
                    emitAssignment(sink, inner, aLen, org, owner, country, as);
                    inner += aSize * (random.nextInt(4) == 0 ? 2 : 1);
                }
                cursor += size;
                continue;
            }
            int aLen = Math.max(len + 1, 24 + random.nextInt(9)); // /24 .. /32
            long aSize = 1L << (32 - aLen);
            cursor = align(cursor, aSize);
            if (cursor + aSize > end) {
                break;
            }
            emitAssignment(sink, cursor, aLen, org, owner, country, as);
            cursor += aSize * (random.nextInt(4) == 0 ? 2 : 1);
        }
    }

    private void emitAssignment(Consumer<Netblock> sink, long start, int len, String org, String owner, String country, long as) {
        boolean ownCustomer = random.nextInt(3) == 0;
        emitV4(sink, start, len, "NET-" + v4Count, STATUS_ASSIGNED[random.nextInt(STATUS_ASSIGNED.length)], country,
                ownCustomer ? null : org, ownCustomer ? "Customer " + v4Count : owner, as);
    }

    private void emitV4(Consumer<Netblock> sink, long start, int len, String name, String status, String country,
                        String org, String owner, Long as) {
        IpRange r = IpRange.cidr(IpAddress.ofV4((int) start), len);
        sink.accept(block(r, name, status, country, org, owner, as));
        v4Count++;
    }

    private Netblock block(IpRange r, String name, String status, String country, String org, String owner, Long as) {
        return Netblock.builder(r)
                .name(name)
                .description(remarks == null ? owner : owner + " / " + name + " " + remarks)
                .status(status)
                .country(country)
                .ownerId(org)
                .ownerName(owner)
                .abuseEmail(org == null ? null : "abuse@" + org.toLowerCase() + ".example")
                .registry("RIPE")
                .asNumber(as)
                .asName(as == null ? null : "AS-EXAMPLE-" + as)
                .lastModified(Instant.ofEpochSecond(1_300_000_000L + random.nextInt(400_000_000)))
                .source("synthetic")
                .build();
    }

    private void generateV6(Consumer<Netblock> sink) {
        List<IpRange> regions = ipv6Regions();
        int allocationId = 0;
        for (int g = 0; g < regions.size() && v6Count < v6Target; g++) {
            IpRange region = regions.get(g);
            long stop = v6Count + (v6Target - v6Count) / (regions.size() - g);
            int regionLen = region.prefixLength();
            long base = region.first().high();
            long end = base + (1L << (64 - regionLen));
            long cursor = base;
            while (v6Count < stop) {
                // most LIRs hold a /29../32, a few hold much more
                int len = random.nextInt(100) == 0 ? 19 + random.nextInt(10) : 29 + random.nextInt(4);
                len = Math.max(len, regionLen + 1);
                long size = 1L << (64 - len);
                cursor = alignUnsigned(cursor, size);
                if (Long.compareUnsigned(cursor, base) < 0 || Long.compareUnsigned(cursor + size - 1, end - 1) > 0) {
                    break;
                }
                allocationId++;
                String org = "ORG-V" + allocationId + "-RIPE";
                String owner = "Example Provider " + allocationId;
                String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                long as = 64_512 + allocationId;
                emitV6(sink, cursor, len, "V6-ALLOC-" + allocationId, "ALLOCATED-BY-RIR", country, org, owner, as);
                int want = 1 + random.nextInt(80);
                long inner = cursor;
                long innerEnd = cursor + size - 1;
                for (int i = 0; i < want && v6Count < stop; i++) {
                    int aLen = Math.max(len + 1, 40 + random.nextInt(25)); // /40 .. /64
                    long aSize = 1L << (64 - aLen);
                    inner = alignUnsigned(inner, aSize);
                    if (Long.compareUnsigned(inner + aSize - 1, innerEnd) > 0 || Long.compareUnsigned(inner, cursor) < 0) {
                        break;
                    }
                    emitV6(sink, inner, aLen, "V6-NET-" + v6Count, "ASSIGNED", country, org, owner, as);
                    inner += aSize * (1 + random.nextInt(3));
                }
                cursor += size;
            }
        }
    }

    private void emitV6(Consumer<Netblock> sink, long high, int len, String name, String status, String country,
                        String org, String owner, long as) {
        IpRange r = IpRange.cidr(IpAddress.ofV6(high, 0), len);
        sink.accept(block(r, name, status, country, org, owner, as));
        v6Count++;
    }

    private static long align(long v, long size) {
        return (v + size - 1) & -size;
    }

    private static long alignUnsigned(long v, long size) {
        return (v + size - 1) & -size;
    }
}
