package io.github.netblock.index.builder;

import java.util.Arrays;

/** A growable long array in pages of 64K values (see {@link IntList}). */
final class LongList {
    private static final int PAGE_BITS = 16;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;
    private long[][] pages = new long[1][];
    private int size;

    LongList() {}

    LongList(int expected) {
        pages = new long[Math.max(1, (expected >>> PAGE_BITS) + 1)][];
    }

    void add(long v) {
        int p = size >>> PAGE_BITS;
        if (p == pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        if (pages[p] == null) {
            pages[p] = new long[PAGE];
        }
        pages[p][size & MASK] = v;
        if (++size < 0) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " entries");
        }
    }

    long get(int i) {
        return pages[i >>> PAGE_BITS][i & MASK];
    }

    void set(int i, long v) {
        pages[i >>> PAGE_BITS][i & MASK] = v;
    }

    int size() {
        return size;
    }
}
