package io.github.netblock.index.read;

import io.github.netblock.index.format.NbdbFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only mapped part of the file addressed by a long offset. One {@link ByteBuffer} can span
 * at most 2 GiB, so a larger region is mapped as several chunks and a value that straddles two
 * chunks is assembled byte by byte. Absolute reads never move a buffer's position, so one region
 * serves any number of threads.
 */
final class MappedRegion {
    private final ByteBuffer single;
    private final ByteBuffer[] chunks;
    private final int chunkBits;
    private final long chunkMask;
    private final long length;

    private MappedRegion(ByteBuffer[] chunks, int chunkBits, long length) {
        this.chunks = chunks;
        this.single = chunks.length == 1 ? chunks[0] : null;
        this.chunkBits = chunkBits;
        this.chunkMask = (1L << chunkBits) - 1;
        this.length = length;
    }

    static MappedRegion map(FileChannel channel, long offset, long length, int chunkBits) throws IOException {
        long chunkSize = 1L << chunkBits;
        int n = (int) Math.max(1, (length + chunkSize - 1) / chunkSize);
        ByteBuffer[] chunks = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long start = (long) i << chunkBits;
            long size = Math.min(chunkSize, length - start);
            MappedByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, offset + start, Math.max(size, 0));
            chunks[i] = b.order(NbdbFormat.ORDER);
        }
        return new MappedRegion(chunks, chunkBits, length);
    }

    long length() {
        return length;
    }

    int getInt(long pos) {
        if (single != null) {
            return single.getInt((int) pos);
        }
        ByteBuffer c = chunks[(int) (pos >>> chunkBits)];
        int in = (int) (pos & chunkMask);
        if (in + 4 <= c.limit()) {
            return c.getInt(in);
        }
        return (int) straddling(pos, 4);
    }

    long getLong(long pos) {
        if (single != null) {
            return single.getLong((int) pos);
        }
        ByteBuffer c = chunks[(int) (pos >>> chunkBits)];
        int in = (int) (pos & chunkMask);
        if (in + 8 <= c.limit()) {
            return c.getLong(in);
        }
        return straddling(pos, 8);
    }

    int getByte(long pos) {
        if (single != null) {
            return single.get((int) pos) & 0xFF;
        }
        return chunks[(int) (pos >>> chunkBits)].get((int) (pos & chunkMask)) & 0xFF;
    }

    void get(long pos, byte[] dst, int length) {
        if (single != null) {
            single.get((int) pos, dst, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            dst[i] = (byte) getByte(pos + i);
        }
    }

    private long straddling(long pos, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | getByte(pos + i); // little endian
        }
        return v;
    }

    void unmap() {
        for (ByteBuffer c : chunks) {
            Unmapper.unmap(c);
        }
    }
}
