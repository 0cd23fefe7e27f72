package io.github.netblock.index.format;

/**
 * The unsigned LEB128 varint that prefixes every string of the string pool with its length: seven
 * bits a byte, low bits first, the high bit set on every byte but the last. One codec for the
 * builder (which writes and re-reads its pool) and the reader.
 */
public final class Varint {
    /** The most bytes an int takes. */
    public static final int MAX_BYTES = 5;

    private Varint() {}

    /** Reads bytes by position (the builder's pages, a mapped section). */
    @FunctionalInterface
    public interface ByteSource {
        /** The unsigned byte at {@code position}. */
        int byteAt(long position);
    }

    /** Writes bytes one at a time. */
    @FunctionalInterface
    public interface ByteSink {
        void put(int unsignedByte);
    }

    /** Writes a non-negative value. */
    public static void write(int value, ByteSink out) {
        if (value < 0) {
            throw new IllegalArgumentException("varint of a negative value " + value);
        }
        int v = value;
        while (v >= 0x80) {
            out.put((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.put(v);
    }

    /**
     * Reads the value at {@code position}: the value in the low 32 bits, the number of bytes it took
     * in the high 32 (allocation-free, for the lookup path), or -1 when it runs over
     * {@value #MAX_BYTES} bytes or does not fit an int (a corrupt pool).
     */
    public static long read(ByteSource in, long position) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.byteAt(position + i);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value > Integer.MAX_VALUE ? -1 : ((long) (i + 1) << 32) | value;
            }
        }
        return -1;
    }

    /** The value of a result of {@link #read}. */
    public static int value(long read) {
        return (int) read;
    }

    /** The length in bytes of a result of {@link #read}. */
    public static int length(long read) {
        return (int) (read >>> 32);
    }
}
