package io.github.netblock.index.builder;

import java.util.Arrays;

/**
 * A growable int array in pages of 64K values: the builder keeps hundreds of millions of values and
 * can afford neither boxed lists nor the doubled footprint of copying one big array to grow it.
 */
final class IntList {
    private static final int PAGE_BITS = 16;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;
    private int[][] pages = new int[1][];
    private int size;

    IntList() {}

    IntList(int expected) {
        pages = new int[Math.max(1, (expected >>> PAGE_BITS) + 1)][];
    }

    void add(int v) {
        int p = size >>> PAGE_BITS;
        if (p == pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        if (pages[p] == null) {
            pages[p] = new int[PAGE];
        }
        pages[p][size & MASK] = v;
        if (++size < 0) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " entries");
        }
    }

    int get(int i) {
        return pages[i >>> PAGE_BITS][i & MASK];
    }

    void set(int i, int v) {
        pages[i >>> PAGE_BITS][i & MASK] = v;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int last() {
        return get(size - 1);
    }

    int removeLast() {
        return get(--size);
    }

    /** Inserts at {@code index}, shifting the tail up (used only on short lists). */
    void insert(int index, int v) {
        add(0);
        for (int i = size - 1; i > index; i--) {
            set(i, get(i - 1));
        }
        set(index, v);
    }

    int[] toArray() {
        int[] out = new int[size];
        for (int p = 0, at = 0; at < size; p++, at += PAGE) {
            System.arraycopy(pages[p], 0, out, at, Math.min(PAGE, size - at));
        }
        return out;
    }
}
