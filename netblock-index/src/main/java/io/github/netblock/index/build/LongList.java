package io.github.netblock.index.build;

import java.util.Arrays;

/** A growable long array. */
final class LongList {
    private long[] values;
    private int size;

    LongList() {
        this(16);
    }

    LongList(int capacity) {
        values = new long[Math.max(capacity, 4)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, IntList.grow(values.length));
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    void set(int i, long v) {
        values[i] = v;
    }

    int size() {
        return size;
    }
}
