package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.INDEX_ENTRY_SIZE;
import static io.github.netblock.index.format.NbdbFormat.align8;

import io.github.netblock.index.format.InvalidDatabaseException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The radix index of one address family (see {@code NbdbFormat}): it narrows a lookup to the few
 * intervals whose starts share the address's leading bits. The same walk serves IPv4 and IPv6: the
 * key is the address's top 64 bits, left-aligned (an IPv4 address in the high half of a long).
 */
final class RadixIndex {
    private final MappedRegion region;
    private final int[] strides;
    private final long nodes;
    /** The default IPv4 shape: one direct table, lo and hi side by side. */
    private final boolean singleLevel;
    private final int firstShift;

    /** Reads and checks the stride header; {@code keyBits} is 32 or 64 (IPv6 indexes the high half only). */
    RadixIndex(Path file, MappedRegion region, int keyBits, String family) {
        this.region = region;
        this.strides = strides(file, region, keyBits, family);
        this.nodes = align8(4L + 4L * strides.length);
        this.singleLevel = strides.length == 1;
        this.firstShift = 64 - strides[0];
        long rootSize = ((1L << strides[0]) + 1) * (singleLevel ? 4 : INDEX_ENTRY_SIZE);
        if (region.length() < nodes + rootSize) {
            throw new InvalidDatabaseException(file, family + " radix index is shorter than its root node");
        }
    }

    private static int[] strides(Path file, MappedRegion r, int keyBits, String family) {
        if (r.length() < 8) {
            throw new InvalidDatabaseException(file, family + " index section is too short");
        }
        int n = r.getInt(0);
        if (n < 1 || n > 64 || r.length() < 4L + 4L * n) {
            throw new InvalidDatabaseException(file, family + " index has an invalid stride count " + n);
        }
        int[] strides = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            strides[i] = r.getInt(4L + 4L * i);
            total += strides[i];
            if (strides[i] < 1 || strides[i] > 24 || total > keyBits) {
                throw new InvalidDatabaseException(file, family + " index has invalid strides " + Arrays.toString(strides));
            }
        }
        return strides;
    }

    /**
     * The interval range [lo, hi] that holds the key, packed as {@code lo << 32 | hi} (no allocation
     * on the lookup path). Kept small so that it inlines into the caller: the default IPv4 shape is
     * one table read; deeper shapes walk in {@link #findDeep}.
     */
    long find(long key) {
        if (singleLevel) {
            long e = nodes + ((key >>> firstShift) << 2);
            return pack(region.getInt(e), region.getInt(e + 4));
        }
        return findDeep(key);
    }

    private long findDeep(long key) {
        long node = nodes;
        int consumed = 0;
        int lastLevel = strides.length - 1;
        for (int level = 0; ; level++) {
            int stride = strides[level];
            int slot = (int) ((key >>> (64 - consumed - stride)) & ((1L << stride) - 1));
            if (level == lastLevel) {
                long e = node + (long) slot * 4;
                return pack(region.getInt(e), region.getInt(e + 4));
            }
            long e = node + (long) slot * INDEX_ENTRY_SIZE;
            int lo = region.getInt(e);
            int child = region.getInt(e + 4);
            if (child == 0) {
                return pack(lo, region.getInt(e + INDEX_ENTRY_SIZE));
            }
            node = nodes + child;
            consumed += stride;
        }
    }

    private static long pack(int lo, int hi) {
        return ((long) lo << 32) | (hi & 0xFFFF_FFFFL);
    }

    static int lo(long packed) {
        return (int) (packed >>> 32);
    }

    static int hi(long packed) {
        return (int) packed;
    }
}
