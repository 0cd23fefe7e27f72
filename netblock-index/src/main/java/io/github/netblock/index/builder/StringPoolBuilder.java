package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.format.SymbolTable;
import io.github.netblock.index.format.Varint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Deduplicates strings into the pool that becomes the STRINGS section: each distinct string is
 * stored once as a varint length and its UTF-8 bytes, and its id is its offset. Kept in 1 MiB
 * pages and an open-addressing table of ints so that millions of netnames cost their bytes plus
 * about 16 bytes each, not a Java object graph.
 */
final class StringPoolBuilder {
    private static final int PAGE_BITS = 20;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private byte[][] pages = new byte[4][];
    private long size;
    private int count;
    private int[] slots = new int[1 << 12]; // id + 1, 0 = empty
    private int[] hashes = new int[1 << 12];

    /** The id of {@code s}, adding it when new; {@link NbdbFormat#NO_STRING} for null. */
    int intern(String s) {
        if (s == null) {
            return NbdbFormat.NO_STRING;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > NbdbFormat.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a string of " + bytes.length + " bytes is longer than a database keeps ("
                    + NbdbFormat.MAX_STRING_BYTES + "): " + s.substring(0, 60) + "...");
        }
        int h = mix(Arrays.hashCode(bytes));
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                int id = append(bytes);
                slots[i] = id + 1;
                hashes[i] = h;
                if (++count * 2 > slots.length) {
                    rehash();
                }
                return id;
            }
            if (hashes[i] == h && equalsAt(slot - 1, bytes)) {
                return slot - 1;
            }
        }
    }

    long sizeInBytes() {
        return size;
    }

    int count() {
        return count;
    }

    /** Reads back the string with {@code id} (used to sort registrars by their bytes). */
    byte[] bytes(int id) {
        long read = Varint.read(this::byteAt, id);
        long pos = id + Varint.length(read);
        byte[] out = new byte[Varint.value(read)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) byteAt(pos + i);
        }
        return out;
    }

    /**
     * The pool of format 3.0: a symbol table learnt from a sample of the strings, then every string
     * (in the same order) as a varint code count and its codes. Ids change, so the result maps each
     * old id (an offset in this pool) to its new one (an offset in the compressed section). The sample
     * is chosen by a hash of each string's bytes, not by its position, so that a regular order of
     * strings (each block adding a name, an owner and an e-mail) cannot hide a kind of string from it,
     * and a build stays reproducible. Should the coded strings still come out larger than the plain ones,
     * the pool is written plain under an empty table (which the format reads as "not compressed").
     */
    CompressedStrings compress() {
        int every = Math.max(1, count / 50_000);
        java.util.List<byte[]> sample = new java.util.ArrayList<>();
        for (long pos = 0; pos < size; ) {
            long read = Varint.read(this::byteAt, pos);
            long start = pos + Varint.length(read);
            int len = Varint.value(read);
            byte[] s = bytesAt(start, len);
            if (Integer.remainderUnsigned(mix(Arrays.hashCode(s)), every) == 0) {
                sample.add(s);
            }
            pos = start + len;
        }
        SymbolTable table = SymbolTable.train(sample);
        int[] oldIds = new int[count];
        int[] newIds = new int[count];
        StringPoolBuilder out = encode(table, oldIds, newIds);
        if (out.size > size + 1) {
            out = encode(SymbolTable.PLAIN, oldIds, newIds);
        }
        return new CompressedStrings(out, oldIds, newIds);
    }

    private StringPoolBuilder encode(SymbolTable table, int[] oldIds, int[] newIds) {
        StringPoolBuilder out = new StringPoolBuilder();
        for (byte b : table.serialize()) {
            out.putByte(b);
        }
        byte[] codes = new byte[64];
        int i = 0;
        for (long pos = 0; pos < size; i++) {
            long read = Varint.read(this::byteAt, pos);
            long start = pos + Varint.length(read);
            int len = Varint.value(read);
            byte[] s = bytesAt(start, len);
            if (codes.length < 2 * len) {
                codes = new byte[2 * len];
            }
            int n = table.encode(s, len, codes);
            oldIds[i] = (int) pos;
            newIds[i] = (int) out.size;
            if (out.size + n + Varint.MAX_BYTES > Integer.MAX_VALUE) {
                throw new IllegalStateException("string pool exceeds 2 GiB; split the database");
            }
            Varint.write(n, out::putByte);
            for (int c = 0; c < n; c++) {
                out.putByte(codes[c]);
            }
            pos = start + len;
        }
        return out;
    }

    /** Drops the plain pool's bytes once the compressed one is made (the builder is not used after). */
    void release() {
        pages = new byte[0][];
        slots = new int[0];
        hashes = new int[0];
    }

    /** The compressed pool and the map from the ids of the plain pool to its own. */
    static final class CompressedStrings {
        private final StringPoolBuilder pool;
        private final int[] oldIds;
        private final int[] newIds;

        private CompressedStrings(StringPoolBuilder pool, int[] oldIds, int[] newIds) {
            this.pool = pool;
            this.oldIds = oldIds;
            this.newIds = newIds;
        }

        long sizeInBytes() {
            return pool.size;
        }

        /** The new id of a string of the plain pool ({@link NbdbFormat#NO_STRING} stays itself). */
        int id(int plainId) {
            if (plainId == NbdbFormat.NO_STRING) {
                return plainId;
            }
            int at = Arrays.binarySearch(oldIds, plainId);
            if (at < 0) {
                throw new IllegalArgumentException("no string at " + plainId + " of the plain pool");
            }
            return newIds[at];
        }

        void forEachPage(PageSink sink) throws java.io.IOException {
            pool.forEachPage(sink);
        }
    }

    private byte[] bytesAt(long pos, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) byteAt(pos + i);
        }
        return out;
    }

    /** Calls {@code sink} with each page's used bytes, in order. */
    void forEachPage(PageSink sink) throws java.io.IOException {
        long remaining = size;
        for (int p = 0; remaining > 0; p++) {
            int n = (int) Math.min(PAGE_SIZE, remaining);
            sink.accept(pages[p], n);
            remaining -= n;
        }
    }

    interface PageSink {
        void accept(byte[] page, int length) throws java.io.IOException;
    }

    private int append(byte[] bytes) {
        long id = size;
        if (id + bytes.length + 5 > Integer.MAX_VALUE) {
            throw new IllegalStateException("string pool exceeds 2 GiB; split the database");
        }
        Varint.write(bytes.length, this::putByte);
        for (byte b : bytes) {
            putByte(b);
        }
        return (int) id;
    }

    private void putByte(int b) {
        int page = (int) (size >>> PAGE_BITS);
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        if (pages[page] == null) {
            pages[page] = new byte[PAGE_SIZE];
        }
        pages[page][(int) (size & (PAGE_SIZE - 1))] = (byte) b;
        size++;
    }

    private int byteAt(long pos) {
        return pages[(int) (pos >>> PAGE_BITS)][(int) (pos & (PAGE_SIZE - 1))] & 0xFF;
    }

    private boolean equalsAt(int id, byte[] bytes) {
        long read = Varint.read(this::byteAt, id);
        long pos = id + Varint.length(read);
        int len = Varint.value(read);
        if (len != bytes.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if ((byte) byteAt(pos + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        int[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new int[oldSlots.length * 2];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != 0) {
                int j = oldHashes[i] & mask;
                while (slots[j] != 0) {
                    j = (j + 1) & mask;
                }
                slots[j] = oldSlots[i];
                hashes[j] = oldHashes[i];
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
