package io.github.netblock.index.builder;

/**
 * Builds the radix index that narrows a lookup to a few intervals before the binary search (see
 * {@link io.github.netblock.index.format.NbdbFormat#INDEX_ENTRY_SIZE}). The first level is a direct
 * table on the top bits; a slot whose search range holds more than {@code leafSize} intervals gets
 * a finer node of the next stride, up to the last stride. The index only narrows the search, it
 * never decides the answer, so any strides give the same results.
 *
 * <p>Addresses are handled as their top 64 bits ("prefix"): the IPv4 value shifted left by 32, or
 * the high half of an IPv6 address. Strides must add up to at most 32 (IPv4) or 64 (IPv6).
 */
final class RadixIndexBuilder {
    private final boolean v6;
    private final LongList startHi;
    private final LongList startLo;
    private final int count;
    private final int[] strides;
    private final int leafSize;
    private final IntList out = new IntList(1 << 17);
    private int headerInts;

    private RadixIndexBuilder(boolean v6, LongList startHi, LongList startLo, int[] strides, int leafSize) {
        this.v6 = v6;
        this.startHi = startHi;
        this.startLo = startLo;
        this.count = startLo.size();
        this.strides = strides;
        this.leafSize = leafSize;
    }

    /**
     * The IPv4 index section as ints: {stride count, strides..., padding to 8 bytes}, then the nodes.
     *
     * @param start the first address of each interval, ascending
     */
    static IntList forV4(LongList start, int[] strides, int leafSize) {
        return build(false, null, start, strides, leafSize);
    }

    /**
     * The IPv6 index section, laid out as {@link #forV4}'s.
     *
     * @param startHi the high 64 bits of each interval's first address, ascending with {@code startLo}
     * @param startLo the low 64 bits
     */
    static IntList forV6(LongList startHi, LongList startLo, int[] strides, int leafSize) {
        return build(true, startHi, startLo, strides, leafSize);
    }

    private static IntList build(boolean v6, LongList startHi, LongList startLo, int[] strides, int leafSize) {
        int total = 0;
        for (int s : strides) {
            if (s < 1 || s > 24) {
                throw new IllegalArgumentException("index strides must be 1..24 bits: " + s);
            }
            total += s;
        }
        if (strides.length == 0 || total > (v6 ? 64 : 32)) {
            throw new IllegalArgumentException("index strides must add up to 1.." + (v6 ? 64 : 32) + " bits");
        }
        RadixIndexBuilder b = new RadixIndexBuilder(v6, startHi, startLo, strides, leafSize);
        IntList section = b.out;
        section.add(strides.length);
        for (int s : strides) {
            section.add(s);
        }
        if ((section.size() & 1) == 1) {
            section.add(0); // nodes start 8-aligned
        }
        b.headerInts = section.size();
        b.node(0L, 0, 0);
        return section;
    }

    /** Writes the node for addresses whose top {@code consumed} bits equal {@code base}; returns its byte offset. */
    private int node(long base, int consumed, int level) {
        int stride = strides[level];
        int slots = 1 << stride;
        int shift = 64 - consumed - stride;
        int at = out.size();
        boolean last = level + 1 == strides.length;
        int entryInts = last ? 1 : 2;
        if ((long) (at - headerInts) * 4 + (long) (slots + 1) * 4 * entryInts > Integer.MAX_VALUE) {
            throw new IllegalStateException("radix index exceeds 2 GiB; use fewer or smaller strides");
        }
        // Slot starts ascend, so one binary search finds the first slot's interval and the rest
        // follow by walking forward: O(slots + intervals) rather than a search per slot.
        int p = containing(base);
        for (int s = 0; s < slots; s++) {
            long slotStart = base | ((long) s << shift);
            while (p + 1 < count && startsAtOrBefore(p + 1, slotStart)) {
                p++;
            }
            out.add(p);
            if (!last) {
                out.add(0);
            }
        }
        long span = consumed == 0 ? 0 : 1L << (64 - consumed);
        long next = base + span;
        out.add((consumed == 0 || Long.compareUnsigned(next, base) <= 0) ? count - 1 : containing(next));
        if (!last) {
            out.add(0);
            for (int s = 0; s < slots; s++) {
                int lo = out.get(at + 2 * s);
                int hi = out.get(at + 2 * s + 2);
                if (hi - lo + 1 > leafSize) {
                    int child = node(base | ((long) s << shift), consumed + stride, level + 1);
                    out.set(at + 2 * s + 1, child);
                }
            }
        }
        return (at - headerInts) * 4;
    }

    /** Whether interval {@code i} starts at or before the address whose top 64 bits are {@code prefix}. */
    private boolean startsAtOrBefore(int i, long prefix) {
        long hi = v6 ? prefix : 0;
        long lo = v6 ? 0 : prefix >>> 32;
        return BlockTable.compare(v6 ? startHi.get(i) : 0, startLo.get(i), hi, lo) <= 0;
    }

    /** Index of the interval holding the address whose top 64 bits are {@code prefix} (rest zero). */
    private int containing(long prefix) {
        int a = 0;
        int b = count - 1;
        while (a < b) {
            int mid = (a + b + 1) >>> 1;
            if (startsAtOrBefore(mid, prefix)) {
                a = mid;
            } else {
                b = mid - 1;
            }
        }
        return a;
    }
}
