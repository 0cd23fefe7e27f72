package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The distinct addresses of a source, in {@link AddressKey} order, with memory that does not grow
 * with their number: addresses are collected in a fixed primitive buffer (16 bytes each), which is
 * sorted, deduplicated and spilled to a temp file when full; the files are then merged in one pass.
 * An access log of millions of lines from a few thousand addresses never spills; a million distinct
 * addresses from Elasticsearch are a few files of 16 MB in all.
 */
final class DistinctAddresses implements Closeable {
    private final Path tempDir;
    private final long[] buffer;
    private int size;
    private long added;
    private final List<Path> runs = new ArrayList<>();

    /** @param capacity addresses kept in memory before a spill (16 bytes each) */
    DistinctAddresses(Path tempDir, int capacity) {
        this.tempDir = tempDir;
        this.buffer = new long[capacity * 2];
    }

    void add(IpAddress a) {
        if (size * 2 == buffer.length) {
            spill();
        }
        buffer[size * 2] = AddressKey.high(a);
        buffer[size * 2 + 1] = AddressKey.low(a);
        size++;
        added++;
    }

    /** Addresses added, with repeats. */
    long added() {
        return added;
    }

    /** Sorts and deduplicates the buffer in place; returns the distinct count. */
    private int sortBuffer() {
        sort(buffer, 0, size - 1);
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (w == 0 || buffer[2 * i] != buffer[2 * (w - 1)] || buffer[2 * i + 1] != buffer[2 * (w - 1) + 1]) {
                buffer[2 * w] = buffer[2 * i];
                buffer[2 * w + 1] = buffer[2 * i + 1];
                w++;
            }
        }
        return w;
    }

    private void spill() {
        int n = sortBuffer();
        try {
            Path run = Files.createTempFile(tempDir, ".addresses-", ".run");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                for (int i = 0; i < n; i++) {
                    out.writeLong(buffer[2 * i]);
                    out.writeLong(buffer[2 * i + 1]);
                }
            }
            runs.add(run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sorted run of addresses in " + tempDir, e);
        }
        size = 0;
    }

    /** The distinct addresses in order. Call once, after the last {@link #add}. */
    Cursor cursor() throws IOException {
        if (runs.isEmpty()) {
            int n = sortBuffer();
            return new Cursor() {
                int i = -1;

                @Override
                public boolean next() {
                    return ++i < n;
                }

                @Override
                public long high() {
                    return buffer[2 * i];
                }

                @Override
                public long low() {
                    return buffer[2 * i + 1];
                }
            };
        }
        if (size > 0) {
            spill();
        }
        return new Merge(runs);
    }

    /** A position in the distinct addresses. */
    interface Cursor {
        /** Moves to the next address; false at the end. */
        boolean next() throws IOException;

        long high();

        long low();

        default IpAddress address() {
            return AddressKey.address(high(), low());
        }
    }

    /** K-way merge of the sorted runs, dropping repeats across runs. */
    private static final class Merge implements Cursor {
        private record Head(DataInputStream in, long high, long low) {}

        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> AddressKey.compare(a.high, a.low, b.high, b.low));
        private long high;
        private long low;
        private boolean started;

        Merge(List<Path> runs) throws IOException {
            for (Path p : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16));
                advance(in);
            }
        }

        private void advance(DataInputStream in) throws IOException {
            try {
                long h = in.readLong();
                long l = in.readLong();
                heads.add(new Head(in, h, l));
            } catch (EOFException e) {
                in.close();
            }
        }

        @Override
        public boolean next() throws IOException {
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                advance(h.in);
                if (!started || h.high != high || h.low != low) {
                    started = true;
                    high = h.high;
                    low = h.low;
                    return true;
                }
            }
            return false;
        }

        @Override
        public long high() {
            if (!started) {
                throw new NoSuchElementException();
            }
            return high;
        }

        @Override
        public long low() {
            return low;
        }
    }

    @Override
    public void close() throws IOException {
        for (Path p : runs) {
            Files.deleteIfExists(p);
        }
    }

    /** Quicksort of (high, low) pairs, unsigned; insertion sort for small ranges. */
    private static void sort(long[] a, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            long ph = a[2 * mid];
            long pl = a[2 * mid + 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (AddressKey.compare(a[2 * i], a[2 * i + 1], ph, pl) < 0) {
                    i++;
                }
                while (AddressKey.compare(a[2 * j], a[2 * j + 1], ph, pl) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) { // recurse into the smaller side: stack depth stays logarithmic
                sort(a, lo, j);
                lo = i;
            } else {
                sort(a, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && AddressKey.compare(a[2 * j - 2], a[2 * j - 1], a[2 * j], a[2 * j + 1]) > 0; j--) {
                swap(a, j, j - 1);
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long h = a[2 * i];
        long l = a[2 * i + 1];
        a[2 * i] = a[2 * j];
        a[2 * i + 1] = a[2 * j + 1];
        a[2 * j] = h;
        a[2 * j + 1] = l;
    }
}
