package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.INTERVAL_V4_SIZE;

/**
 * The elementary intervals of both families, each {start address, narrowest block}, sorted by
 * start. A lookup is a search for the last interval that starts at or before the address, within the
 * range the radix index gave.
 */
final class IntervalTable {
    private final MappedRegion v4;
    private final MappedRegion v6;

    /** The IPv6 row size of the file's format version. */
    private final int rowV6;

    IntervalTable(MappedRegion v4, MappedRegion v6, int rowV6) {
        this.v4 = v4;
        this.v6 = v6;
        this.rowV6 = rowV6;
    }

    /** The block of the last IPv4 interval in [lo, hi] that starts at or before the address. */
    int blockV4(int address, int lo, int hi) {
        // Branch-free binary search: the loop count depends only on the range size, and the
        // comparison becomes a conditional move instead of a mispredicted branch.
        int flipped = address ^ Integer.MIN_VALUE; // unsigned order as signed compares
        int base = lo;
        int n = hi - lo + 1;
        while (n > 1) {
            int half = n >>> 1;
            int probe = base + half;
            base = (v4.getInt((long) probe * INTERVAL_V4_SIZE) ^ Integer.MIN_VALUE) <= flipped ? probe : base;
            n -= half;
        }
        return v4.getInt((long) base * INTERVAL_V4_SIZE + 4);
    }

    /** The block of the last IPv6 interval in [lo, hi] that starts at or before (high, low). */
    int blockV6(long high, long low, int lo, int hi) {
        long flippedHigh = high ^ Long.MIN_VALUE;
        long flippedLow = low ^ Long.MIN_VALUE;
        int base = lo;
        int n = hi - lo + 1;
        while (n > 1) {
            int half = n >>> 1;
            int probe = base + half;
            long at = (long) probe * rowV6;
            long h = v6.getLong(at) ^ Long.MIN_VALUE;
            boolean notAfter = h < flippedHigh || (h == flippedHigh && (v6.getLong(at + 8) ^ Long.MIN_VALUE) <= flippedLow);
            base = notAfter ? probe : base;
            n -= half;
        }
        return v6.getInt((long) base * rowV6 + 16);
    }
}
