package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/** Buffered little-endian writes to a channel, with a CRC32C of everything written through it. */
final class ChecksummedOutput {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(NbdbFormat.ORDER);
    private final CRC32C crc = new CRC32C();
    private long position;

    ChecksummedOutput(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    long position() {
        return position + buffer.position();
    }

    void putInt(int v) throws IOException {
        room(4);
        buffer.putInt(v);
    }

    void putLong(long v) throws IOException {
        room(8);
        buffer.putLong(v);
    }

    void put(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            room(1);
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
        }
    }

    void padTo(long target) throws IOException {
        while (position() < target) {
            room(1);
            buffer.put((byte) 0);
        }
    }

    int checksum() {
        return (int) crc.getValue();
    }

    void flush() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        buffer.clear();
    }

    private void room(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
    }
}
