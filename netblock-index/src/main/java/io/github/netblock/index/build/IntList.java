package io.github.netblock.index.build;

import java.util.Arrays;

/** A growable int array: the builder keeps millions of values and cannot afford boxed lists. */
final class IntList {
    private int[] values;
    private int size;

    IntList() {
        this(16);
    }

    IntList(int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grow(values.length));
        }
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    void set(int i, int v) {
        values[i] = v;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int last() {
        return values[size - 1];
    }

    int removeLast() {
        return values[--size];
    }

    /** Inserts at {@code index}, shifting the tail up. */
    void insert(int index, int v) {
        add(0);
        System.arraycopy(values, index, values, index + 1, size - 1 - index);
        values[index] = v;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }

    static int grow(int length) {
        long next = length + (length >> 1) + 16L;
        if (next > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 16) + " entries");
        }
        return (int) next;
    }
}
